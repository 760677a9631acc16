#include "LabResources.h"

#include <QtGlobal>

// Q_INIT_RESOURCE must be used outside any namespace, the anonymous one included.
static void initLabResources()
{
    Q_INIT_RESOURCE(resources);
}

namespace lab {

void initResources()
{
    static const bool done = [] {
        initLabResources();
        return true;
    }();
    Q_UNUSED(done);
}

QIcon labIcon(const QString &name)
{
    return QIcon(QStringLiteral(":/icons/") + name + QStringLiteral(".svg"));
}

} // namespace lab
