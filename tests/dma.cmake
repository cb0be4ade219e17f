# DMA guest tests (firmware/tests/dma/): self-checking images for the PL080
# (docs/devices/pl080.md), its peripheral request lines (pl011.md, sensor.md)
# and the coherency checker (docs/coherency.md) on the default SoC. Each
# image exits 0 only if every check passes and prints what it measured; its
# header comment derives its numbers from the docs. coh_report.sh checks the
# `coherency` object of the --report JSON against the "coh-expect" lines
# the image prints (none: the report must be empty).
#
#   dma.stream[.fatal]    memory-to-memory copies between cacheable SRAM and
#                         DRAM buffers with the D-cache on, streaming
#                         maintenance done right: data correct, no
#                         coherency event; --coherency=fatal runs to the end.
#   dma.coh.KIND          each checker class fires and the data is really
#                         wrong: read-dirty (no clean: the device gets the
#                         old data), stale-read (no invalidate after: the
#                         CPU reads old data), clobber (a write-back over
#                         DMA's data), lost-dirty (dirty lines at the
#                         power-off idle state): counts, address range,
#                         channel and functions checked in the report.
#   dma.coh.KIND.fatal    --coherency=fatal stops at the first event with
#                         status 127 and a message naming it; .pc: the
#                         message names the event's own pc and function
#                         (the instruction that read stale data or wrote
#                         back over DMA's), as the report does.
#   dma.coherent          MPU non-cacheable buffers: no maintenance, correct
#                         data, no event (.cacheable: the same buffers
#                         write-back give wrong data and the image fails).
#   dma.sg                a chain of 4 items (sizes, widths, gaps), the TC
#                         interrupt only after the last.
#   dma.uart_tx           UART0 TX by DMA (memory to peripheral): the text on
#                         stdout.
#   dma.uart_rx           UART0 RX by DMA from --uart-in (peripheral to
#                         memory).
#   dma.adc               the sensor's samples by DMA against DATA(k).
#   dma.error[.diag.*]    unmapped source, destination and LLI, and the
#                         core's private peripheral bus as source and
#                         destination: error interrupt, status, channel
#                         disabled; diagnostics.
#   dma.selflink.*        an item linked to itself: the run ends at --until;
#                         a diagnostic for a memory-to-memory or empty
#                         item, none for a peripheral's circular buffer.
#   dma.timing            one transfer's duration with the SP804 against
#                         beats x beat time + tXS; .clock_*: the beat time
#                         at the clock's present rate, whatever rate its
#                         gate was first opened at.
#   dma.dram              4 KiB into DRAM and back: the DRAM's access
#                         energy in the report is one burst per 32 bytes,
#                         the time one beat per word each way.
#   *.wrong               a wrong expectation must make the test fail.
if(PMSIM_FIRMWARE)
  set(dmafw ${FW}/tests/dma)
  set(COH_REPORT ${SCRIPTS}/coh_report.sh)
  set(PM_REPORT ${SCRIPTS}/pm_report.sh)
  find_program(PYTHON3 python3)
  set(DMA_TESTS)

  if(PYTHON3)
    add_test(NAME dma.stream COMMAND ${COH_REPORT} 0 "dma stream: all checks passed" --
      ${PMSIM} run ${dmafw}/dma_stream.elf)
    add_test(NAME dma.stream.fatal COMMAND ${COH_REPORT} 0 "dma stream: all checks passed" --
      ${PMSIM} run --coherency=fatal ${dmafw}/dma_stream.elf)
    add_test(NAME dma.stream.wrong COMMAND ${COH_REPORT} 0 "dma stream: all checks passed" --
      ${PMSIM} run ${dmafw}/dma_stream.elf -- wrong)
    set_tests_properties(dma.stream.wrong PROPERTIES WILL_FAIL TRUE)
    list(APPEND DMA_TESTS dma.stream dma.stream.fatal dma.stream.wrong)

    foreach(kind read-dirty stale-read clobber lost-dirty)
      add_test(NAME dma.coh.${kind} COMMAND ${COH_REPORT} 0
        "coherency case ${kind}: all checks passed" --
        ${PMSIM} run ${dmafw}/dma_coh_bad.elf -- ${kind})
      add_test(NAME dma.coh.${kind}.wrong COMMAND ${COH_REPORT} 0
        "coherency case ${kind}: all checks passed" --
        ${PMSIM} run ${dmafw}/dma_coh_bad.elf -- ${kind} wrong)
      set_tests_properties(dma.coh.${kind}.wrong PROPERTIES WILL_FAIL TRUE)
      list(APPEND DMA_TESTS dma.coh.${kind} dma.coh.${kind}.wrong)
    endforeach()

    foreach(kind read-dirty stale-read clobber lost-dirty)
      add_test(NAME dma.coh.${kind}.fatal.pc COMMAND ${COH_REPORT} 127 - --
        ${PMSIM} run --coherency=fatal ${dmafw}/dma_coh_bad.elf -- ${kind})
      list(APPEND DMA_TESTS dma.coh.${kind}.fatal.pc)
    endforeach()

    add_test(NAME dma.coherent COMMAND ${COH_REPORT} 0 "dma coherent: all checks passed" --
      ${PMSIM} run ${dmafw}/dma_coherent.elf)
    add_test(NAME dma.sg COMMAND ${COH_REPORT} 0 "dma scatter-gather: all checks passed" --
      ${PMSIM} run ${dmafw}/dma_sg.elf -- 1)
    add_test(NAME dma.adc COMMAND ${COH_REPORT} 0 "dma periph adc: all checks passed" --
      ${PMSIM} run ${dmafw}/dma_periph.elf -- adc 250)
    list(APPEND DMA_TESTS dma.coherent dma.sg dma.adc)
    set_tests_properties(${DMA_TESTS} PROPERTIES ENVIRONMENT "PYTHON3=${PYTHON3}")

    # 4 KiB into DRAM and back: 128 write and 128 read bursts of DRAM
    # access energy (firmware/tests/dma/dram.c derives 232.32 nJ), 2 pJ a
    # byte for the DMA. Charging each word beat a burst of its own (eight
    # times as much) must fail.
    set(DMA_DRAM_RUN ${PMSIM} run ${dmafw}/dma_dram.elf)
    add_test(NAME dma.dram COMMAND ${PYTHON3} ${SCRIPTS}/report_meters.py 0
      "dma dram: all checks passed" dram access 2.3232e-7 dma@40030000 dma 1.6384e-8 --
      ${DMA_DRAM_RUN} -- 10)
    add_test(NAME dma.dram.energy.wrong COMMAND ${PYTHON3} ${SCRIPTS}/report_meters.py 0
      "dma dram: all checks passed" dram access 1.85856e-6 -- ${DMA_DRAM_RUN} -- 10)
    set_tests_properties(dma.dram.energy.wrong PROPERTIES WILL_FAIL TRUE)
    list(APPEND DMA_TESTS dma.dram dma.dram.energy.wrong)
  endif()

  # --coherency=fatal: status 127, the kind named, the image stopped before
  # its last line.
  set(coh_text_read-dirty "DMA read memory under a line that is dirty in the D-cache")
  set(coh_text_stale-read "the CPU read a cached line that DMA had overwritten")
  set(coh_text_clobber "a dirty line was written back over data DMA had written")
  set(coh_text_lost-dirty "dirty lines were lost when the core powered off")
  foreach(kind read-dirty stale-read clobber lost-dirty)
    expect(dma.coh.${kind}.fatal 127 "!all checks passed"
      "~coherency error (--coherency=fatal): ${coh_text_${kind}}"
      ${PMSIM} run --no-host --coherency=fatal ${dmafw}/dma_coh_bad.elf -- ${kind})
    list(APPEND DMA_TESTS dma.coh.${kind}.fatal)
  endforeach()

  expect(dma.coherent.cacheable 1 "~FAILED" "="
    ${PMSIM} run --no-host ${dmafw}/dma_coherent.elf -- cacheable)
  expect(dma.sg.wrong 1 "~FAILED" "=" ${PMSIM} run --no-host ${dmafw}/dma_sg.elf -- 2)

  # UART0 by DMA. TX: the text is a line of the UART's output on stdout.
  # RX: the file's bytes, fed at the line rate, must be the argument.
  expect(dma.uart_tx 0 "%dma-tx:hello-from-the-pl080" "="
    ${PMSIM} run --no-host ${dmafw}/dma_periph.elf -- uart-tx dma-tx:hello-from-the-pl080)
  set(DMA_RX_TEXT "pl080-rx-0123456789abcdefghijklmnopqrstuvwxyz")
  set(DMA_RX_FILE ${CMAKE_CURRENT_BINARY_DIR}/dma_uart_rx.txt)
  file(WRITE ${DMA_RX_FILE} "${DMA_RX_TEXT}")
  expect(dma.uart_rx 0 "~dma periph uart-rx: all checks passed" "="
    ${PMSIM} run --no-host --uart-in ${DMA_RX_FILE} ${dmafw}/dma_periph.elf -- uart-rx ${DMA_RX_TEXT})
  expect(dma.uart_rx.wrong 1 "~FAILED" "="
    ${PMSIM} run --no-host --uart-in ${DMA_RX_FILE} ${dmafw}/dma_periph.elf -- uart-rx pl080-rx-0123456789abcdefghijklmnopqrstuvwxyZ)
  expect(dma.adc.wrong 1 "~FAILED" "=" ${PMSIM} run --no-host ${dmafw}/dma_periph.elf -- adc 251)

  # Errors: the image checks the interrupts and status; the report names
  # each failed beat.
  expect(dma.error 0 "~dma error: all checks passed" "="
    ${PMSIM} run --no-host ${dmafw}/dma_error.elf -- 0x9e)
  expect(dma.error.wrong 1 "~FAILED" "=" ${PMSIM} run --no-host ${dmafw}/dma_error.elf -- 0x9f)
  add_test(NAME dma.error.diag.src COMMAND ${PM_REPORT} 0 "dma error: all checks passed"
    "~dma@40030000 channel 1: bus error (nothing mapped) at 0x50000000; error status set (interrupt if IE), channel disabled" --
    ${PMSIM} run ${dmafw}/dma_error.elf -- 0x9e)
  add_test(NAME dma.error.diag.dst COMMAND ${PM_REPORT} 0 "dma error: all checks passed"
    "~dma@40030000 channel 2: bus error (nothing mapped) at 0x50000000" --
    ${PMSIM} run ${dmafw}/dma_error.elf -- 0x9e)
  add_test(NAME dma.error.diag.lli COMMAND ${PM_REPORT} 0 "dma error: all checks passed"
    "~dma@40030000 channel 4: bus error (nothing mapped) fetching the linked-list item at 0x50000000" --
    ${PMSIM} run ${dmafw}/dma_error.elf -- 0x9e)
  add_test(NAME dma.error.diag.ppb_src COMMAND ${PM_REPORT} 0 "dma error: all checks passed"
    "~dma@40030000 channel 3: bus error (the core's private peripheral bus, which DMA cannot reach) at 0xe000ed00" --
    ${PMSIM} run ${dmafw}/dma_error.elf -- 0x9e)
  add_test(NAME dma.error.diag.ppb_dst COMMAND ${PM_REPORT} 0 "dma error: all checks passed"
    "~dma@40030000 channel 7: bus error (the core's private peripheral bus, which DMA cannot reach) at 0xe000ed08" --
    ${PMSIM} run ${dmafw}/dma_error.elf -- 0x9e)

  # A self-linked item runs for ever and the run still stops at --until
  # (status 124); memory to memory or empty, it is a diagnostic; as a
  # peripheral's circular buffer, it is not.
  add_test(NAME dma.selflink.m2m COMMAND ${PM_REPORT} 124 "selflink m2m: running"
    "~links to itself and copies memory to memory: the chain never ends" --
    ${PMSIM} run --until 30ms ${dmafw}/dma_selflink.elf -- m2m)
  add_test(NAME dma.selflink.empty COMMAND ${PM_REPORT} 124 "selflink empty: running"
    "~links to itself and moves nothing (TransferSize 0): the chain never ends" --
    ${PMSIM} run --until 30ms ${dmafw}/dma_selflink.elf -- empty)
  add_test(NAME dma.selflink.adc COMMAND ${PM_REPORT} 124 "selflink adc: running"
    "!links to itself" -- ${PMSIM} run --until 30ms ${dmafw}/dma_selflink.elf -- adc)

  expect(dma.timing 0 "~dma timing: all checks passed" "="
    ${PMSIM} run --no-host ${dmafw}/dma_timing.elf -- 10 140)
  expect(dma.timing.wrong 1 "~FAILED" "=" ${PMSIM} run --no-host ${dmafw}/dma_timing.elf -- 11 140)
  # The beat time follows HCLK's present rate, not the rate its gate was
  # first opened at: OPEN RUN BEAT-NS (operating points 0-4: 25, 50, 100,
  # 200, 400 MHz).
  set(DMA_CLOCK_CASES 25:0:0:40 25_after_400:4:0:40 400_after_25:0:4:10 50_after_100:2:1:20)
  foreach(c ${DMA_CLOCK_CASES})
    string(REPLACE ":" ";" p ${c})
    list(GET p 0 name)
    list(GET p 1 open)
    list(GET p 2 run)
    list(GET p 3 beat)
    expect(dma.timing.clock_${name} 0 "~dma timing: all checks passed" "="
      ${PMSIM} run --no-host ${dmafw}/dma_timing.elf -- clock ${open} ${run} ${beat})
    list(APPEND DMA_TESTS dma.timing.clock_${name})
  endforeach()
  expect(dma.dram.time.wrong 1 "~FAILED" "=" ${PMSIM} run --no-host ${dmafw}/dma_dram.elf -- 11)
  expect(dma.timing.clock.wrong 1 "~FAILED" "="
    ${PMSIM} run --no-host ${dmafw}/dma_timing.elf -- clock 4 0 41)

  list(APPEND DMA_TESTS dma.coherent.cacheable dma.sg.wrong dma.uart_tx dma.uart_rx
    dma.uart_rx.wrong dma.adc.wrong dma.error dma.error.wrong dma.error.diag.src
    dma.error.diag.dst dma.error.diag.lli dma.error.diag.ppb_src dma.error.diag.ppb_dst dma.timing dma.timing.wrong
    dma.timing.clock.wrong dma.dram.time.wrong dma.selflink.m2m dma.selflink.empty dma.selflink.adc)
  set_tests_properties(${DMA_TESTS} PROPERTIES TIMEOUT 60 LABELS dma)
endif()
