"""`make bench`: what an event costs in DynamoDB units, time, CPU and money (docs/performance.md)."""
