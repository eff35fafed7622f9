/* Broken on purpose (tests/reject/error_in_included_header.c). */
int broken = ;
