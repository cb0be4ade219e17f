# pmfw with the ADC sampled by DMA, idle states and timers: stops at the
# idle entry, steps into it, an access watchpoint on the cpuidle device,
# then the run to its end. Its report must be byte-identical to the run's
# without a debugger (tests/scripts/gdb_stub.py "determinism").
set pagination off
set confirm off
break cpuidle_enter
continue
continue
stepi
stepi
stepi
next
continue
delete
awatch *(unsigned *)&cpu0_device
continue
continue
delete
hbreak schedule
continue
continue
delete
continue
