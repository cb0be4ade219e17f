# The monitor commands, and a reset.
set pagination off
set confirm off
break bump
continue
monitor help
monitor energy
monitor state
monitor report @REPORT@
monitor bogus
monitor reset
maintenance flush register-cache
printf "AFTER-RESET pc=%#x\n", $pc
delete
continue
