/*
 * The row macros every generator program shares. C(group, name): "group<TAB>name<TAB>value" for constants.tsv.
 * L(type, struct, field) / SIZE(type, struct): "layout<TAB>struct<TAB>field<TAB>offset<TAB>size" for the
 * architecture table. Include after the headers that define what is printed.
 */
#include <stdio.h>
#include <stddef.h>
#include <string.h>

#define C(group, name) printf("%s\t%s\t%lld\n", group, #name, (long long) (name))
#define L(type, name, field) printf("layout\t%s\t%s\t%zu\t%zu\n", name, #field, offsetof(type, field), \
                                    sizeof(((type *) 0)->field))
#define SIZE(type, name) printf("layout\t%s\t(size)\t0\t%zu\n", name, sizeof(type))

/*
 * A program in groups/ defines main() with these two halves: constants (no argument) and layouts ("--layouts");
 * GROUP_MAIN(constants_fn, layouts_fn) writes it.
 */
#define GROUP_MAIN(constants_fn, layouts_fn)                                  \
    int main(int argc, char **argv) {                                         \
        if (argc > 1 && strcmp(argv[1], "--layouts") == 0) layouts_fn();      \
        else constants_fn();                                                  \
        return 0;                                                             \
    }
