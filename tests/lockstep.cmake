# Lockstep verification of the core against Unicorn's Cortex-M4 and M7
# (tests/lockstep/, docs/lockstep.md). One CTest test per instruction-class
# group so they run in parallel; PMSIM_LOCKSTEP_INSNS=N in the environment
# makes each random group compare N instructions instead of the default.
# fp64 checks pmsim's double precision against host-computed values.
pkg_check_modules(UNICORN REQUIRED IMPORTED_TARGET unicorn)

add_executable(lockstep
  ${CMAKE_CURRENT_SOURCE_DIR}/lockstep/lockstep.c
  ${CMAKE_CURRENT_SOURCE_DIR}/lockstep/gen.c
  ${CMAKE_CURRENT_SOURCE_DIR}/lockstep/directed.c
  ${CMAKE_CURRENT_SOURCE_DIR}/lockstep/f64.c)
target_link_libraries(lockstep PRIVATE pmsim_core PkgConfig::UNICORN m)
# The expected double-precision results come from the host's arithmetic
# in each rounding mode: keep the compiler from assuming round-to-nearest.
set_source_files_properties(${CMAKE_CURRENT_SOURCE_DIR}/lockstep/f64.c
  PROPERTIES COMPILE_OPTIONS "-frounding-math")

foreach(group alu mem dsp it fp fp5 directed fp64)
  add_test(NAME lockstep.${group} COMMAND lockstep --group ${group})
  set_tests_properties(lockstep.${group} PROPERTIES TIMEOUT 600 LABELS lockstep)
endforeach()
