int awaiting, async_count, _await, await2, asyncio;

int sum(void) {
    return awaiting + async_count + _await + await2 + asyncio;
}
