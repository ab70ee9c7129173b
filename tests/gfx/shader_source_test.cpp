#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

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

TEST_CASE("a file without markers is one image pass") {
  const auto s = split_passes("void mainImage(out vec4 o, in vec2 p) { o = vec4(1.0); }\n");
  CHECK(s.errors.empty());
  CHECK(s.buffers.empty());
  CHECK(s.common.empty());
  CHECK(s.image.first_line == 1);
  CHECK(s.image.channels[0] == Channel::Audio);
  CHECK(s.image.channels[1] == Channel::None);
}

TEST_CASE("multipass sections keep the file's line numbers and channel bindings") {
  const std::string src =
      "// moonrave: shadertoy\n"     // 1
      "//! common\n"                 // 2
      "float f(float x) { return x; }\n"  // 3
      "//! buffer B iChannel0=B iChannel1=audio\n"  // 4
      "void mainImage(out vec4 o, in vec2 p) { o = vec4(f(0.5)); }\n"  // 5
      "//! buffer A iChannel2=noise\n"  // 6
      "void mainImage(out vec4 o, in vec2 p) { o = vec4(1.0); }\n"  // 7
      "//! image iChannel0=A iChannel3=previous\n"  // 8
      "void mainImage(out vec4 o, in vec2 p) { o = texture(iChannel0, p); }\n";  // 9
  const auto s = split_passes(src);
  REQUIRE(s.errors.empty());
  CHECK(s.common_line == 3);
  CHECK(s.common.find("float f") != std::string::npos);
  REQUIRE(s.buffers.size() == 2);
  CHECK(s.buffers[0].buffer == 0);  // render order is A..D whatever the file's order
  CHECK(s.buffers[0].first_line == 7);
  CHECK(s.buffers[0].channels[2] == Channel::Noise);
  CHECK(s.buffers[1].buffer == 1);
  CHECK(s.buffers[1].first_line == 5);
  CHECK(s.buffers[1].channels[0] == Channel::BufferB);
  CHECK(s.buffers[1].channels[1] == Channel::Audio);
  CHECK(s.image.first_line == 9);
  CHECK(s.image.channels[0] == Channel::BufferA);
  CHECK(s.image.channels[3] == Channel::Previous);
  CHECK(s.preamble == "// moonrave: shadertoy\n");
  CHECK(s.image.text.find("// moonrave: shadertoy") == std::string::npos);
}

TEST_CASE("bad markers are errors at their line") {
  const auto s = split_passes("void main(){}\n//! buffer E\n//! image iChannel9=A iChannel1=sound\n");
  REQUIRE(s.errors.size() == 3);
  CHECK(s.errors[0].line == 2);
  CHECK(s.errors[1].line == 3);
  CHECK(s.errors[2].line == 3);
}

TEST_CASE("declared uniforms are found, comments ignored") {
  const auto u = declared_uniforms(
      "uniform float fGlobalTime; // in seconds\nuniform highp vec2 v2Resolution, other[2];\n"
      "// uniform float commented;\n/* uniform float blocked; */\nlayout(location=0) out vec4 out_color;\n"
      "uniform sampler1D texFFT;");
  CHECK(u.count("fGlobalTime"));
  CHECK(u.count("v2Resolution"));
  CHECK(u.count("other"));
  CHECK(u.count("texFFT"));
  CHECK_FALSE(u.count("commented"));
  CHECK_FALSE(u.count("blocked"));
  CHECK_FALSE(u.count("out_color"));
}

TEST_CASE("composed pass: version, prelude without the user's own declarations, #line to the file") {
  const std::string src = "#version 410 core\nuniform float fGlobalTime;\nout vec4 out_color;\nvoid main(){ out_color = vec4(fGlobalTime); }\n";
  const auto s = split_passes(src);
  CHECK(s.glsl_version == 410);
  const std::string f = compose_fragment(Flavour::Bonzomatic, s, s.image);
  CHECK(f.rfind("#version 410 core\n", 0) == 0);
  CHECK(f.find("uniform float fGlobalTime;") == f.find("uniform float fGlobalTime;\nout vec4 out_color"));  // only the user's
  CHECK(f.find("uniform vec2 v2Resolution;") != std::string::npos);
  CHECK(f.find("#line 1\n// #version 410 core\n") != std::string::npos);
  CHECK(f.find("layout(location = 0) out vec4 out_color") == std::string::npos);
}

TEST_CASE("the uniform reference documents every uniform with a unit") {
  const std::string ref = uniform_reference();
  for (const char* n : {"iTime", "iChannel0", "texFFTIntegrated", "texNoise", "uBeat", "uOrbit[12]", "uBufferD"}) {
    INFO(n);
    CHECK(ref.find(n) != std::string::npos);
  }
}

// shaders/README.md's uniform table against the prelude's table (kUniforms, via uniform_reference()).
TEST_CASE("shaders/README.md lists every uniform of the prelude, and no other") {
  std::set<std::string> code;
  std::istringstream ref(uniform_reference());
  for (std::string line; std::getline(ref, line);) {
    std::istringstream w(line);
    std::string kw, type, name;
    w >> kw >> type >> name;
    name = name.substr(0, name.find_first_of("[;"));
    code.insert(name);
  }
  REQUIRE(code.count("iTime"));
  REQUIRE(code.size() > 30);

  std::ifstream in(std::string(MR_SOURCE_DIR) + "/shaders/README.md");
  REQUIRE(in);
  std::set<std::string> doc;
  bool in_table = false;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("## ", 0) == 0) in_table = line.find("Uniforms") != std::string::npos;
    if (!in_table || line.rfind("| `", 0) != 0) continue;
    const std::string first = line.substr(2, line.find(" |", 2) - 2);  // the row's first column
    for (size_t a = first.find('`'); a != std::string::npos; a = first.find('`', a + 1)) {
      const size_t b = first.find('`', a + 1);
      std::string tok = first.substr(a + 1, b - a - 1);
      a = b;
      tok = tok.substr(0, tok.find('['));
      const size_t dots = tok.find("..");
      if (dots == std::string::npos) {
        doc.insert(tok);
        continue;
      }
      // A range: iChannel0..3, uBufferA..uBufferD
      const std::string lo = tok.substr(0, dots), hi = tok.substr(dots + 2);
      const std::string stem = lo.substr(0, lo.size() - 1);
      for (char c = lo.back(); c <= hi.back(); ++c) doc.insert(stem + c);
    }
  }
  for (const auto& n : code) {
    INFO("in the prelude, not in shaders/README.md's table: " << n);
    CHECK(doc.count(n));
  }
  for (const auto& n : doc) {
    INFO("in shaders/README.md's table, not in the prelude: " << n);
    CHECK(code.count(n));
  }
}
