int crlf(void) {
    return 0;
}
