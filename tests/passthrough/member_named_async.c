/* Like libuv's uv_handle_t: a member called async, used as a name. */
struct handle {
    unsigned async : 1;
    int await;
    void (*async_cb)(struct handle *);
};

int is_async(struct handle *h) {
    struct handle copy = *h;
    return h->async + copy.async + h->await;
}
