#include <catch2/catch.hpp>

#include "gfx/shader_source.hpp"

using namespace mr::gfx;

TEST_CASE("Mesa info log lines map to the user's lines") {
  const auto errs = parse_info_log("0:7(12): error: `foo' undeclared\n0:9(1): warning: unused\n", 4);
  REQUIRE(errs.size() == 1);
  CHECK(errs[0].line == 3);
  CHECK(errs[0].column == 12);
  CHECK(errs[0].message == "`foo' undeclared");
}

TEST_CASE("NVIDIA info log lines map to the user's lines") {
  const auto errs = parse_info_log("0(13) : error C0000: syntax error, unexpected '}'\n", 10);
  REQUIRE(errs.size() == 1);
  CHECK(errs[0].line == 3);
  CHECK(errs[0].column == 0);
  CHECK(errs[0].message == "syntax error, unexpected '}'");
}

TEST_CASE("an unparsable log is kept whole") {
  const auto errs = parse_info_log("link failed\n", 0);
  REQUIRE(errs.size() == 1);
  CHECK(errs[0].line == 0);
  CHECK(errs[0].message == "link failed");
}

TEST_CASE("flavour detection") {
  CHECK(detect_flavour("void mainImage(out vec4 c, in vec2 p) {}") == Flavour::Shadertoy);
  CHECK(detect_flavour("out vec4 out_color; void main(){ out_color = vec4(fGlobalTime); }") ==
        Flavour::Bonzomatic);
  CHECK(detect_flavour("void main(){}") == Flavour::Native);
  CHECK(detect_flavour("// moonrave: native\nvoid mainImage(){}") == Flavour::Native);
  CHECK(detect_flavour("// moonrave: bonzomatic\nvoid main(){}") == Flavour::Bonzomatic);
}
