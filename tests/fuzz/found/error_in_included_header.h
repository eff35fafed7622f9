/* included by error_in_included_header.c: a syntax error in a header */
int y = ;
