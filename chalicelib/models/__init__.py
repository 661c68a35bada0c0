"""Three families of models: `inbound` (what clients send), `domain` (what the service reasons
about) and `stored` (the DynamoDB items). Conversions between them are explicit functions."""
