# Helpers shared by every module: warnings, sanitizers, tests.
include_guard(GLOBAL)

if(MR_SANITIZE)
  add_compile_options(-fsanitize=${MR_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${MR_SANITIZE})
endif()

find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

# mr_warnings(target): warnings on, and errors for our own targets only (never for third-party code).
function(mr_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wno-unused-parameter)
  # GCC can limit shadowing warnings to locals; Clang has no such mode (its -Wshadow is broader).
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(${target} PRIVATE -Wshadow=local)
  endif()
  # GCC 12 reports array-bounds/restrict/stringop warnings inside libstdc++'s std::string at -O2
  # that are false positives (GCC bugs 105329, 105651; under ASan also maybe-uninitialized in
  # std::optional<Value> moves of the string alternative); they would make -Werror fail on correct code.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-array-bounds -Wno-restrict -Wno-stringop-overflow -Wno-stringop-overread
      -Wno-maybe-uninitialized)
  endif()
  # Clang warns that 8-float vector arguments change the ABI without -mavx: the engine's vector
  # helpers are inlined into entry points built for AVX2 (target attributes), picked at start,
  # and these functions never cross a translation unit, so the warning does not apply.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    target_compile_options(${target} PRIVATE -Wno-psabi)
  endif()
  if(MR_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# mr_library(name SOURCES ... DEPS ...): a module library mr_<name>, headers reached as "<name>/x.hpp".
function(mr_library name)
  cmake_parse_arguments(A "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  if(A_SOURCES)
    add_library(mr_${name} STATIC ${A_SOURCES})
    target_include_directories(mr_${name} PUBLIC ${MR_ROOT_DIR}/src ${CMAKE_BINARY_DIR}/generated)
    target_link_libraries(mr_${name} PUBLIC ${A_DEPS} PRIVATE ${A_PRIVATE_DEPS})
    mr_warnings(mr_${name})
  else()
    add_library(mr_${name} INTERFACE)
    target_include_directories(mr_${name} INTERFACE ${MR_ROOT_DIR}/src ${CMAKE_BINARY_DIR}/generated)
    target_link_libraries(mr_${name} INTERFACE ${A_DEPS})
  endif()
endfunction()

# Catch2 v2 with one shared main.
find_package(Catch2 REQUIRED)
if(MR_BUILD_TESTS AND NOT TARGET mr_catch_main)
  add_library(mr_catch_main STATIC ${MR_ROOT_DIR}/tests/catch_main.cpp)
  target_link_libraries(mr_catch_main PUBLIC Catch2::Catch2)
  target_compile_definitions(mr_catch_main PUBLIC MR_SOURCE_DIR="${MR_ROOT_DIR}" MR_BINARY_DIR="${CMAKE_BINARY_DIR}")
endif()

find_program(MR_CCACHE ccache)
if(MR_CCACHE)
  set(CMAKE_CXX_COMPILER_LAUNCHER ${MR_CCACHE})
endif()

# mr_test(name SOURCES ... LIBS ... [LABELS ...]): one Catch2 executable, one CTest entry.
# Labels: "unit" (fast, no devices: run under ASan/UBSan), "threads" (run under TSan),
# "integration" (runs the real binary), "window" (needs Xvfb).
function(mr_test name)
  cmake_parse_arguments(A "" "TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${A_SOURCES})
  target_link_libraries(${name} PRIVATE mr_catch_main ${A_LIBS})
  # Catch2's header is large: each test executable precompiles it once for all its sources
  # (a PCH shared between executables breaks as soon as their flags differ, e.g. SDL's -D_REENTRANT).
  target_precompile_headers(${name} PRIVATE <catch2/catch.hpp>)
  mr_warnings(${name})
  add_test(NAME ${name} COMMAND ${name} --order lex)
  if(NOT A_TIMEOUT)
    set(A_TIMEOUT 300)
    # Under a sanitizer every allocation is poisoned and quarantined: audio_tests, which builds
    # many engines (12 orbits of delay lines, SoundFont presets), took about 370 s under ASan.
    if(MR_SANITIZE)
      set(A_TIMEOUT 900)
    endif()
  endif()
  set_tests_properties(${name} PROPERTIES LABELS "${A_LABELS}" TIMEOUT ${A_TIMEOUT}
                       WORKING_DIRECTORY ${MR_ROOT_DIR})
endfunction()
