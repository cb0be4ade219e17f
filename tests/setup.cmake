# Does ./setup install every Debian package that the build and the tests
# use (tests/scripts/setup_packages.sh)? The second test drops a package
# that the build needs from setup's list and checks that the first would
# then fail, naming it.
set(SETUP_CHECK ${CMAKE_CURRENT_SOURCE_DIR}/scripts/setup_packages.sh)
add_test(NAME setup.packages COMMAND ${SETUP_CHECK} ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR})
add_test(NAME setup.packages.detects
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/scripts/expect_run.sh 1
    "~FAIL: missing from setup: check (" "="
    -- ${SETUP_CHECK} --without check ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR})
set_tests_properties(setup.packages setup.packages.detects PROPERTIES
  SKIP_RETURN_CODE 77 LABELS setup)
