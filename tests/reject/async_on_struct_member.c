#include <asyncc.h>

struct s {
    async int (*cb)(void);
};
