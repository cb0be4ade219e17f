# The energy report from the command line (docs/report.md): the demo image
# on the default SoC, its JSON checked key by key by check_report.py, the
# text summary, determinism, and the exit statuses of --report.
# Included from tests/CMakeLists.txt after system.cmake (FW, SCRIPTS, PMSIM,
# expect()).

# --report with no file name is a usage error, whatever the image.
expect(report.cli.no_file 64 "=" "~option '--report' needs a file name" ${PMSIM} run --report)
expect(report.cli.empty_file 64 "=" "~option '--report=' needs a file name"
  ${PMSIM} run --report= x.elf)

if(PMSIM_FIRMWARE)
  set(DEMO ${FW}/demo/demo.elf)
  find_program(PYTHON3 python3)
  if(PYTHON3)
    foreach(part demo determinism host cantcreate readonly)
      add_test(NAME report.json.${part}
        COMMAND ${PYTHON3} ${SCRIPTS}/check_report.py ${part} ${PMSIM} ${DEMO})
    endforeach()
    # Exit 77: a read-only directory cannot be arranged here (root without
    # a way to drop privileges).
    set_tests_properties(report.json.readonly PROPERTIES SKIP_RETURN_CODE 77)
  endif()

  # --summary: the human report goes to stderr, never to the guest's stdout.
  expect(report.summary.stderr 0 "!pmsim power report" "%pmsim power report"
    ${PMSIM} run --summary --no-host ${DEMO})
  expect(report.summary.components 0 "-" "%Energy by component"
    ${PMSIM} run --summary --no-host ${DEMO})
  expect(report.summary.cstates 0 "-"
    "%  C-state       usage          time   of run    above    below    latency  residency  break-even"
    ${PMSIM} run --summary --no-host ${DEMO})
  expect(report.summary.opps 0 "-"
    "%  OPP           MHz      mV          time   of run   entries"
    ${PMSIM} run --summary --no-host ${DEMO})
  expect(report.summary.suspend 0 "-" "~Suspend: 1 entry, "
    ${PMSIM} run --summary --no-host ${DEMO})
  expect(report.summary.no_diagnostics 0 "-" "%Diagnostics: none"
    ${PMSIM} run --summary --no-host ${DEMO})
  expect(report.summary.no_host 0 "-" "!---- host"
    ${PMSIM} run --summary --no-host ${DEMO})
  expect(report.summary.host 0 "-" "~---- host (varies from run to run"
    ${PMSIM} run --summary ${DEMO})
  # Without --summary or --report the run prints no report at all.
  expect(report.none 0 "!pmsim power report" "=" ${PMSIM} run ${DEMO})
endif()
