# The FP context in the exception model (docs/cpu.md "The FP context"):
# guest images on the Cortex-M4F of configs/mcu.dts that check extended
# frames, lazy preservation and its faults, an RTOS-style context switch
# and the extended frame's cycles, each exiting 0 when every check passed.
# Included from tests/CMakeLists.txt (FW, PMSIM).
if(PMSIM_FIRMWARE)
  set(FP_MCU --config ${PROJECT_SOURCE_DIR}/configs/mcu.dts)
  # Three levels of preemption (PendSV, IRQ0, SysTick) over Thread mode,
  # lazily, eagerly (LSPEN=0), without ASPEN and with CONTROL.FPCA set by
  # hand; then SysTick interrupting FP work wherever it lands.
  expect(guest.fp_exc.lazy 0 "~fp_exc lazy tests passed" "="
    ${PMSIM} run ${FP_MCU} ${FW}/tests/fp_exc/fp_exc_lazy.elf)
  # An MPU region under the frame's FP part: MemManage MLSPERR (or the
  # HardFault it escalates to) before the FP instruction, then success.
  expect(guest.fp_exc.fault 0 "~fp_exc fault tests passed" "="
    ${PMSIM} run ${FP_MCU} ${FW}/tests/fp_exc/fp_exc_fault.elf)
  # FreeRTOS ARM_CM4F-style PendSV switching two FP tasks.
  expect(guest.fp_exc.rtos 0 "~fp_exc rtos tests passed" "="
    ${PMSIM} run ${FP_MCU} ${FW}/tests/fp_exc/fp_exc_rtos.elf)
  # The same on the Cortex-M7 (FPv5-D16, the default SoC). (Not compared
  # with QEMU: how many SysTick interrupts land in the FP work depends on
  # timing, which QEMU does not model.)
  expect(guest.fp_exc.lazy.m7 0 "~fp_exc lazy tests passed" "="
    ${PMSIM} run ${FW}/tests/fp_exc/fp_exc_lazy_m7.elf)
  expect(guest.fp_exc.rtos.m7 0 "~fp_exc rtos tests passed" "="
    ${PMSIM} run ${FW}/tests/fp_exc/fp_exc_rtos_m7.elf)
  # 17 cycles per FP part written or read (docs/timing.md).
  expect(guest.fp_exc.timing 0 "~fp_exc timing tests passed" "="
    ${PMSIM} run ${FP_MCU} ${FW}/tests/fp_exc/fp_exc_timing.elf)
endif()
