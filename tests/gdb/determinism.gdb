# Breakpoints, steps, a watchpoint and continues: the run's report must be
# byte-identical to the run's without a debugger.
set pagination off
set confirm off
break main
hbreak bump
continue
next
stepi
stepi
continue
watch counter
continue
continue
delete
tbreak printf
continue
step
delete
continue
