# The PMSAv7 MPU from the inside: guest images on the default SoC that check
# MemManage faults (data and fetch), MMFAR, privilege, subregions and
# escalation, non-cacheable regions bypassing the D-cache, and exit 0 when
# every check passed; and a lockup when HFNMIENA subjects HardFault to the MPU.
if(PMSIM_FIRMWARE)
  expect(guest.mpu_data 0 "~mpu data tests passed" "=" ${PMSIM} run ${FW}/tests/mpu/mpu_data.elf)
  expect(guest.mpu_exec 0 "~mpu exec tests passed" "=" ${PMSIM} run ${FW}/tests/mpu/mpu_exec.elf)
  expect(guest.mpu_cache 0 "~mpu cache tests passed" "=" ${PMSIM} run ${FW}/tests/mpu/mpu_cache.elf)
  # LDRT/STRT... checked as unprivileged (MPU and SCS), and exception
  # stacking/unstacking checked against the MPU (MSTKERR, MUNSTKERR).
  expect(guest.mpu_unpriv 0 "~mpu unprivileged tests passed" "="
    ${PMSIM} run ${FW}/tests/mpu/mpu_unpriv.elf)
  expect(guest.mpu_stack 0 "~mpu stack tests passed" "=" ${PMSIM} run ${FW}/tests/mpu/mpu_stack.elf)
  expect(guest.mpu_lockup 125 "=about to fault with HFNMIENA set\n"
    "~locked up: HardFault while in HardFault handler (exception 3): MPU violation on data access to 0x20300010"
    ${PMSIM} run ${FW}/tests/mpu/mpu_lockup.elf)
  if(QEMU_ARM)
    # Only mpu_exec is compared: QEMU lets an unaligned store straddle into
    # a read-only region (mpu_data), and mps2-an385's Cortex-M3 has no
    # D-cache (mpu_cache); docs/mpu.md.
    add_test(NAME qemu.mpu.mpu_exec
      COMMAND ${SCRIPTS}/compare_qemu.sh ${PMSIM} ${FW}/tests/mpu/mpu_exec.elf)
  endif()
endif()
