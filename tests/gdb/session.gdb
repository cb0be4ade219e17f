# Break at main, step, look at registers, read and write a variable,
# continue to the exit (tests/scripts/gdb_stub.py "session").
set pagination off
set confirm off
break main
continue
printf "AT-MAIN pc=%#x sp=%#x\n", $pc, $sp
info registers pc sp xpsr
printf "MSP=%#x CONTROL=%d PRIMASK=%d\n", $msp, $control, $primask
p $msp == $sp
next
step
printf "IN-BUMP %d\n", $pc >= (unsigned)bump && $pc < (unsigned)bump + 32
stepi
p result
set var result = 7
p result
printf "RESULT-NOW %d\n", result
delete
continue
