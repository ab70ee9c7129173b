// Offline rendering: run the engine for a number of frames on the calling thread and write a
// WAV file (32-bit float or 16-bit PCM). Deterministic: the same events give the same bytes.
#pragma once

#include <cstdint>
#include <string>

#include "audio/engine.hpp"

namespace mr::audio {

enum class WavFormat { kFloat32, kPcm16 };

// Renders `frames` frames in blocks of the engine's block size, after waiting for pending sample
// decodes and without the limiter's latency (an event at frame f is at frame f of the file).
// Byte-identical renders also need EngineConfig::synchronous_loading for samples named while
// rendering. False with `error` on I/O failure.
bool render_to_wav(Engine& engine, int64_t frames, const std::string& path, WavFormat format, std::string& error);

}  // namespace mr::audio
