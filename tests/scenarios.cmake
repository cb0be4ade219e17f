# Scenarios (docs/scenarios.md): the examples in scenarios/ as the
# project's own regression suite, bad scenarios with their messages and
# statuses, the runner's determinism and JUnit, and pause invariance.
if(PMSIM_FIRMWARE)
  set(SCEN ${CMAKE_CURRENT_SOURCE_DIR}/scenarios)
  set(SCEN_OUT ${CMAKE_CURRENT_BINARY_DIR}/scenario-out)

  # --- the examples: every point of each must pass ------------------------------
  file(GLOB EXAMPLES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/scenarios/*.lua)
  foreach(lua ${EXAMPLES})
    get_filename_component(name ${lua} NAME_WE)
    add_test(NAME scenario.example.${name}
      COMMAND ${PMSIM} test --no-host -j 1 --output ${SCEN_OUT}/examples ${lua})
  endforeach()

  # --- a paused run is the same run ---------------------------------------------
  # On both SoCs as they are, efficiency curves and cell included
  # (docs/power.md, "Observing a run").
  add_test(NAME scenario.pause_invariance
    COMMAND ${SCRIPTS}/scenario_pause.py ${PMSIM} ${FW}/pmfw/pmfw.elf
      ${PROJECT_SOURCE_DIR}/configs/default.dts 37us
      "quiet workload start busy; workload start adc; sleep 0.5; workload stop all; echo +2 > /sys/class/rtc/rtc0/wakealarm; echo mem > /sys/power/state; poweroff")
  add_test(NAME scenario.pause_invariance.mcu
    COMMAND ${SCRIPTS}/scenario_pause.py ${PMSIM} ${FW}/pmfw/pmfw.elf
      ${PROJECT_SOURCE_DIR}/configs/mcu.dts 53us
      "quiet workload start busy; sleep 0.5; workload stop all; echo +2 > /sys/class/rtc/rtc0/wakealarm; echo mem > /sys/power/state; poweroff")

  # --- bad scenarios: status and message -----------------------------------------
  function(bad_scenario name status err)
    expect(scenario.bad.${name} ${status} - ${err}
      ${PMSIM} scenario --quiet --timeout 5s --output ${SCEN_OUT}/bad/${name} ${SCEN}/bad/${name}.lua)
  endfunction()
  bad_scenario(syntax 2 "~bad/syntax.lua:2: '}' expected (to close '{' at line 1) near 'run_for'")
  bad_scenario(runtime 2 "~bad/runtime.lua:3: attempt to index a nil value (local 't')")
  bad_scenario(types 2 "~bad/types.lua:2: bad argument #1 to 'run_for' (time (seconds, or a string such as \"10ms\") expected, got table)")
  bad_scenario(unknown_key 2 "~bad/unknown_key.lua:1: machine: unknown key 'cofig' (known: config, image, args, dt, coherency, semihosting_root, timeline, timeline_limit, html, ambient)")
  bad_scenario(timeline_format 2 "~bad/timeline_format.lua:1: machine: timeline formats are \"vcd\", \"json\" and \"csv\" (got txt)")
  bad_scenario(os_execute 2 "~bad/os_execute.lua:1: os.execute is not available in a scenario (sandbox)")
  bad_scenario(io_popen 2 "~bad/io_popen.lua:1: io.popen is not available in a scenario (sandbox)")
  bad_scenario(io_outside 2 "~bad/io_outside.lua:1: io.open('../../../../../../etc/passwd', 'r'): outside the sandbox")
  bad_scenario(require_c 2 "~bad/require_c.lua:1: require('socket'): no module socket.lua in the scenario's folder")
  bad_scenario(bytecode 2 "~bad/bytecode.lua:1: load: only text chunks (mode \"t\") in a scenario (sandbox)")
  bad_scenario(runaway 2 "~bad/runaway.lua:1: host time limit reached (5 s")
  bad_scenario(no_machine 2 "~the scenario never created its machine")
  bad_scenario(spin 124 "~bad/spin.lua:2: run_for: the run ended: host time limit reached")
  bad_scenario(action_error 2 "~bad/action_error.lua:2: boom from an action")
  bad_scenario(budget 1 "~bad/budget.lua:1: budget exceeded: energy ")
  bad_scenario(assert 1 "~bad/assert.lua:3: time is 0.00")
  bad_scenario(expect 1 "~bad/expect.lua:2: expect: \"Goodbye\" not seen on UART0 within 0.01 s")
  bad_scenario(bad_image 66 "~bad/bad_image.lua:1: machine: ")
  bad_scenario(lockup 125 "~bad/lockup.lua:2: run_for: the run ended: guest locked up: HardFault while in HardFault handler")
  expect(scenario.bad.no_file 66 - "~nosuch.lua"
    ${PMSIM} scenario ${SCEN}/bad/nosuch.lua)
  expect(scenario.bad.usage 64 - "~unknown option '--bogus' for 'pmsim scenario'"
    ${PMSIM} scenario --bogus ${SCEN}/bad/assert.lua)
  expect(scenario.bad.test_usage 64 - "~option -j needs a number of jobs"
    ${PMSIM} test -j 0 ${SCEN}/suite)

  # --- the runner: lines, summary, status, JUnit, determinism --------------------
  add_test(NAME scenario.runner
    COMMAND ${SCRIPTS}/scenario_runner.py ${PMSIM} ${SCEN}/suite ${SCEN_OUT}/runner)
endif()

# --- the host-time limit of a run ------------------------------------------------
if(PMSIM_FIRMWARE)
  expect(run.timeout 124 - "~pmsim: host time limit reached (--timeout 0.5s) at pc 0x"
    ${PMSIM} run --timeout 0.5s ${FW}/tests/spin.elf)
  expect(run.timeout.usage 64 - "~option --timeout needs a positive host time"
    ${PMSIM} run --timeout soon ${FW}/tests/spin.elf)
endif()

# --- sweeps: local pool, CSV and JSON, and the Slurm script's steps -----------------
if(PMSIM_FIRMWARE)
  add_test(NAME scenario.sweep
    COMMAND ${SCRIPTS}/scenario_sweep.py ${PMSIM} ${CMAKE_CURRENT_SOURCE_DIR}/scenarios/sweep/gov.lua
      ${CMAKE_CURRENT_BINARY_DIR}/scenario-out/sweep)
  expect(scenario.sweep.no_params 64 - "~declares no parameters to sweep"
    ${PMSIM} sweep ${CMAKE_CURRENT_SOURCE_DIR}/scenarios/suite/energy.lua)
  expect(scenario.sweep.usage 64 - "~unknown option '--bogus' for 'pmsim sweep'"
    ${PMSIM} sweep --bogus ${CMAKE_CURRENT_SOURCE_DIR}/scenarios/sweep/gov.lua)
endif()

# --- stimuli from scenarios: the sensor's signal, the battery, faults, GPIO ---------
if(PMSIM_FIRMWARE)
  add_test(NAME scenario.stimuli
    COMMAND ${PMSIM} test --no-host -j 1 --output ${CMAKE_CURRENT_BINARY_DIR}/scenario-out/stimuli
      ${CMAKE_CURRENT_SOURCE_DIR}/scenarios/stimuli)
endif()

# --- the display: pmfw's fbtest on the panel, through display_pixel -------------------
if(PMSIM_FIRMWARE)
  add_test(NAME scenario.display
    COMMAND ${PMSIM} test --no-host -j 1 --output ${CMAKE_CURRENT_BINARY_DIR}/scenario-out/display
      ${CMAKE_CURRENT_SOURCE_DIR}/scenarios/display)
endif()

# --- --config replaces machine{config} -----------------------------------------------
if(PMSIM_FIRMWARE)
  expect(scenario.config.mcu 0 - "~PASS  no_dram"
    ${PMSIM} scenario --quiet --config mcu --output ${CMAKE_CURRENT_BINARY_DIR}/scenario-out/cli1
      ${CMAKE_CURRENT_SOURCE_DIR}/scenarios/cli/no_dram.lua)
  expect(scenario.config.default 1 - "~no_dram.lua:4: this SoC has DRAM"
    ${PMSIM} scenario --quiet --output ${CMAKE_CURRENT_BINARY_DIR}/scenario-out/cli2
      ${CMAKE_CURRENT_SOURCE_DIR}/scenarios/cli/no_dram.lua)
endif()

# --- a sweep on a real Slurm cluster of one node (setup installs Slurm) ------------
if(PMSIM_FIRMWARE)
  add_test(NAME scenario.sweep.slurm
    COMMAND ${SCRIPTS}/slurm_sweep.sh ${PMSIM} ${CMAKE_CURRENT_SOURCE_DIR}/scenarios/sweep/gov.lua)
  set_tests_properties(scenario.sweep.slurm PROPERTIES SKIP_RETURN_CODE 77 RUN_SERIAL TRUE)
endif()

# --- the progress line: a terminal only, and it changes nothing -----------------------
if(PMSIM_FIRMWARE)
  add_test(NAME progress
    COMMAND ${SCRIPTS}/progress.py ${PMSIM} ${FW}/pmfw/pmfw.elf
      ${CMAKE_CURRENT_SOURCE_DIR}/scenarios/stimuli ${CMAKE_CURRENT_BINARY_DIR}/progress)
  set_tests_properties(progress PROPERTIES RUN_SERIAL TRUE)
endif()

# --- SIGINT and SIGTERM stop a run or a scenario with its reports ---------------------
if(PMSIM_FIRMWARE)
  add_test(NAME interrupt
    COMMAND ${SCRIPTS}/interrupt.py ${PMSIM} ${FW}/pmfw/pmfw.elf ${CMAKE_CURRENT_BINARY_DIR}/interrupt)
endif()
