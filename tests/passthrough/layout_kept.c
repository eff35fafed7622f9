#include <stdio.h>
	/* tabs,	trailing spaces   
   and CRLF line endings stay as they are */
#define MAX(a, b) \
    ((a) > (b) ? (a) : (b))
int main(void) { int a = 1,b=2 ; printf ( "%d\n" , MAX(a,b) ) ; return 0 ; }
