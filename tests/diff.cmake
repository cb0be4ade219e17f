# pmsim diff (docs/cli.md, "pmsim diff"): the command line and its exit
# statuses, then two runs of pmfw that differ by one second of sleep,
# compared with themselves, with a rerun and with each other
# (tests/scripts/diff_changed.sh). The unit tests (tests/unit/test_diff.c)
# cover tolerances and the table on synthetic reports.
# Included from tests/CMakeLists.txt after system.cmake (FW, SCRIPTS, PMSIM,
# expect()).

set(DIFF_DIR ${CMAKE_CURRENT_BINARY_DIR}/diff)
file(MAKE_DIRECTORY ${DIFF_DIR})

# --- the command line: 64 ---------------------------------------------------------
expect(diff.cli.unknown_option 64 "="
  "=pmsim: unknown option '--tolerance' for 'pmsim diff'\nTry 'pmsim diff --help'.\n"
  ${PMSIM} diff --tolerance 1 old.json new.json)
expect(diff.cli.bad_tolerance 64 "="
  "=pmsim: --rel 'often': a tolerance is a number, 0 or more\nTry 'pmsim diff --help'.\n"
  ${PMSIM} diff --rel often old.json new.json)
expect(diff.cli.negative_tolerance 64 "=" "~pmsim: --abs-time '-1e-9': a tolerance is a number"
  ${PMSIM} diff --abs-time=-1e-9 old.json new.json)
expect(diff.cli.no_value 64 "=" "~pmsim: option '--abs-energy' needs a number"
  ${PMSIM} diff old.json new.json --abs-energy)
expect(diff.cli.one_report 64 "="
  "=pmsim: 'pmsim diff' needs two reports: OLD.json NEW.json\nTry 'pmsim diff --help'.\n"
  ${PMSIM} diff old.json)
expect(diff.cli.three_reports 64 "=" "~pmsim: unexpected argument 'c.json'"
  ${PMSIM} diff a.json b.json c.json)
expect(diff.cli.help 0 "~usage: pmsim diff [options] OLD.json NEW.json" "=" ${PMSIM} diff --help)
expect(diff.cli.in_pmsim_help 0 "~pmsim diff [options] OLD.json NEW.json" "=" ${PMSIM} --help)

# --- input files: 66 missing, 65 malformed or not a report -------------------------
expect(diff.missing 66 "="
  "=pmsim: ${DIFF_DIR}/none.json: cannot open: No such file or directory\n"
  ${PMSIM} diff ${DIFF_DIR}/none.json ${DIFF_DIR}/none.json)
# (The message goes on "; pmsim reads only regular files": a ';' would
# split the CMake argument.)
expect(diff.directory 66 "=" "~pmsim: ${DIFF_DIR}: is a directory"
  ${PMSIM} diff ${DIFF_DIR} ${DIFF_DIR})
# A missing comma on line 3: the message points at the key that follows.
file(WRITE ${DIFF_DIR}/malformed.json
  "{\n  \"schema\": \"pmsim-report/2\",\n  \"sim_time_s\": 1.5\n  \"energy\": {}\n}\n")
expect(diff.malformed 65 "="
  "=pmsim: ${DIFF_DIR}/malformed.json: line 4, column 3: expected ',' or '}' after a member, found '\"'\n"
  ${PMSIM} diff ${DIFF_DIR}/malformed.json ${DIFF_DIR}/malformed.json)
file(WRITE ${DIFF_DIR}/not_report.json "{\"schema\": \"pmsim-manifest/1\"}\n")
expect(diff.not_report 65 "="
  "=pmsim: ${DIFF_DIR}/not_report.json: not a pmsim report: its schema is \"pmsim-manifest/1\", not pmsim-report/N\n"
  ${PMSIM} diff ${DIFF_DIR}/not_report.json ${DIFF_DIR}/not_report.json)
file(WRITE ${DIFF_DIR}/wrong_type.json
  "{\"schema\": \"pmsim-report/2\", \"energy\": {\"total_j\": \"12 mJ\"}}\n")
expect(diff.wrong_type 65 "="
  "=pmsim: ${DIFF_DIR}/wrong_type.json: malformed pmsim report: energy.total_j is a string, not a number\n"
  ${PMSIM} diff ${DIFF_DIR}/wrong_type.json ${DIFF_DIR}/wrong_type.json)

# --- real reports -------------------------------------------------------------------
if(PMSIM_FIRMWARE)
  set(PMFW ${FW}/pmfw/pmfw.elf)
  add_test(NAME diff.run.one COMMAND ${PMSIM} run --no-host --report ${DIFF_DIR}/one.json
    ${PMFW} -- "sleep 1; poweroff")
  add_test(NAME diff.run.one_again COMMAND ${PMSIM} run --no-host
    --report ${DIFF_DIR}/one_again.json ${PMFW} -- "sleep 1; poweroff")
  add_test(NAME diff.run.two COMMAND ${PMSIM} run --no-host --report ${DIFF_DIR}/two.json
    ${PMFW} -- "sleep 2; poweroff")
  set_tests_properties(diff.run.one diff.run.one_again diff.run.two
    PROPERTIES FIXTURES_SETUP diff_reports)

  # A report against itself, and against the same run made again (pmsim is
  # deterministic): nothing listed, status 0.
  expect(diff.same 0 "~ figures compared, 0 past tolerance" "="
    ${PMSIM} diff ${DIFF_DIR}/one.json ${DIFF_DIR}/one.json)
  expect(diff.rerun 0 "!figure " "=" ${PMSIM} diff ${DIFF_DIR}/one.json ${DIFF_DIR}/one_again.json)
  add_test(NAME diff.changed
    COMMAND ${SCRIPTS}/diff_changed.sh ${PMSIM} ${DIFF_DIR}/one.json ${DIFF_DIR}/two.json)
  set_tests_properties(diff.same diff.rerun diff.changed PROPERTIES FIXTURES_REQUIRED diff_reports)
endif()
