"""Adapters: each implements a port of `chalicelib/ports.py` on a real service (DynamoDB, SQS,
SES, Twilio, KMS/Fernet, SSM, the ZGW APIs) or in memory for tests. Built in `bootstrap.py`."""
