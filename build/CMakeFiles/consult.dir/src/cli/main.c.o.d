CMakeFiles/consult.dir/src/cli/main.c.o: /work/main/src/cli/main.c \
 /usr/include/stdc-predef.h
