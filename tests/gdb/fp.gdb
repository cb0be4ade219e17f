# The FP registers of a Cortex-M4F through the stub (tests/scripts/gdb_stub.py
# "fp"): read what the guest loaded, write D1, then unwind from a handler
# through the extended frame (lazily reserved, then preserved) to main.
# In outer frames only the raw d registers are unwound (gdb 13 computes
# the s pseudo-registers from the innermost frame's registers).
set pagination off
set confirm off
break fp_stop
break fp_lazy_stop
break fp_used_stop
continue
info registers d0
printf "S0=%g S1=%g\n", $s0, $s1
p $d1
printf "FPSCR=%#x\n", $fpscr
printf "CONTROL=%#x\n", $control
set $d1 = 1.5
p $d1
echo S3=
output/x $s3
echo \n
continue
bt
frame function main
echo LAZY main D0=
output/x $d0
echo \n
printf "LAZY main D1=%g\n", $d1
continue
echo USED handler D0=
output/x $d0
echo \n
bt
frame function main
echo USED main D0=
output/x $d0
echo \n
printf "USED main D1=%g FPSCR=%#x\n", $d1, $fpscr
delete
continue
