#pragma once

namespace lab {

// Registers resources/resources.qrc (icons, Python snippets). lab_ui is a static
// library, so its resources are only linked in when something calls this.
void initResources();

} // namespace lab
