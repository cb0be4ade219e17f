# A watchpoint on a store: the stop line and the old and new values.
set pagination off
set confirm off
break main
continue
watch counter
continue
continue
delete
continue
