#pragma once
// Autosave and crash restore for the editor's buffers.
//
// Each buffer is written to `<dir>/<name>` atomically (temporary file, then rename), so a crash
// mid-write never leaves a torn file. A marker file `<dir>/running` exists while a window is open;
// finding it at start-up means the last run did not exit cleanly and its autosaves can be offered
// for restore. A clean exit removes the marker (the autosaves stay, as a safety copy).
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace mr::ui {

class Autosave {
public:
  explicit Autosave(std::filesystem::path dir);

  // Called once at start: true when the previous run left its marker (it crashed or was killed).
  // Creates the marker for this run.
  bool begin();
  // Called on a clean exit: removes the marker.
  void end();

  // Writes `text` as buffer `name` (a plain file name such as "music.lua"). False on I/O error.
  bool save(std::string_view name, std::string_view text);
  // Reads buffer `name` back; false when there is none.
  bool load(std::string_view name, std::string& out) const;
  // Names of the buffers saved in the folder, sorted.
  std::vector<std::string> saved() const;

  const std::filesystem::path& dir() const { return dir_; }

private:
  std::filesystem::path dir_;
};

}  // namespace mr::ui
