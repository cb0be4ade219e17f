# Lockstep verification of the core against Unicorn's Cortex-M4
# (tests/lockstep/, docs/lockstep.md). One CTest test per instruction-class
# group so they run in parallel; PMSIM_LOCKSTEP_INSNS=N in the environment
# makes each random group compare N instructions instead of the default.
pkg_check_modules(UNICORN REQUIRED IMPORTED_TARGET unicorn)

add_executable(lockstep
  ${CMAKE_CURRENT_SOURCE_DIR}/lockstep/lockstep.c
  ${CMAKE_CURRENT_SOURCE_DIR}/lockstep/gen.c
  ${CMAKE_CURRENT_SOURCE_DIR}/lockstep/directed.c)
target_link_libraries(lockstep PRIVATE pmsim_core PkgConfig::UNICORN)

foreach(group alu mem dsp it directed)
  add_test(NAME lockstep.${group} COMMAND lockstep --group ${group})
  set_tests_properties(lockstep.${group} PROPERTIES TIMEOUT 600 LABELS lockstep)
endforeach()
