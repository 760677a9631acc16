#pragma once

#include <QIcon>
#include <QString>

namespace lab {

// Registers resources/resources.qrc (icons, Python snippets). lab_ui is a static
// library, so its resources are only linked in when something calls this.
void initResources();

// One of the icons in resources/icons, by its name without ".svg".
QIcon labIcon(const QString &name);

} // namespace lab
