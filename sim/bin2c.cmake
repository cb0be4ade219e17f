# Turn a binary file into a C array: cmake -DIN=x -DOUT=y.c -DSYM=name -P bin2c.cmake
file(READ ${IN} hex HEX)
string(LENGTH "${hex}" n)
math(EXPR len "${n} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," body "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" body "${body}")
file(WRITE ${OUT} "/* Generated from ${IN}: do not edit. */\n#include <stddef.h>\n"
  "const unsigned char ${SYM}[] = {\n${body}\n};\nconst size_t ${SYM}_len = ${len};\n")
