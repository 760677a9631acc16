#include "WindowSettings.h"

#include "Catalog.h"
#include "ExperimentPanel.h"
#include "QtStrings.h"
#include "ScalingTab.h"

#include <QMainWindow>
#include <QSettings>
#include <QSplitter>

using namespace Qt::StringLiterals;

namespace lab {

WindowSettings::WindowSettings(QMainWindow *window, const QList<QSplitter *> &splitters, ExperimentPanel *panel,
                               ScalingTab *scaling)
    : m_window(window), m_splitters(splitters), m_panel(panel), m_scaling(scaling)
{
}

void WindowSettings::save(const View &view) const
{
    QSettings s;
    // Full screen is lecture mode's business; remember the normal window.
    if (!view.lecture) {
        s.beginGroup(u"window"_s);
        s.setValue(u"geometry"_s, m_window->saveGeometry());
        s.setValue(u"state"_s, m_window->saveState());
        for (const QSplitter *splitter : m_splitters)
            s.setValue(splitter->objectName(), splitter->saveState());
        s.endGroup();
    }
    s.setValue(u"experiment/last"_s, m_panel->currentExperiment());
    saveParams(s);
    s.setValue(u"view/theme"_s, view.dark ? u"dark"_s : u"light"_s);
    s.setValue(u"view/lecture"_s, view.lecture);
    s.setValue(u"view/lineEnds"_s, view.lineEnds);
    s.setValue(u"view/replaySpeed"_s, view.replaySpeed);
    s.beginGroup(u"sweep"_s);
    m_scaling->saveSettings(s);
    s.endGroup();
}

WindowSettings::View WindowSettings::load() const
{
    QSettings s;
    s.beginGroup(u"window"_s);
    if (s.contains(u"geometry"_s))
        m_window->restoreGeometry(s.value(u"geometry"_s).toByteArray());
    if (s.contains(u"state"_s))
        m_window->restoreState(s.value(u"state"_s).toByteArray());
    for (QSplitter *splitter : m_splitters)
        if (s.contains(splitter->objectName()))
            splitter->restoreState(s.value(splitter->objectName()).toByteArray());
    s.endGroup();
    loadParams(s);
    m_panel->setCurrentExperiment(s.value(u"experiment/last"_s).toString());
    s.beginGroup(u"sweep"_s);
    m_scaling->restoreSettings(s);
    s.endGroup();

    View view;
    view.dark = s.value(u"view/theme"_s).toString() == u"dark"_s;
    view.lecture = s.value(u"view/lecture"_s, false).toBool();
    view.lineEnds = s.value(u"view/lineEnds"_s, false).toBool();
    view.replaySpeed = s.value(u"view/replaySpeed"_s, 0).toInt();
    return view;
}

void WindowSettings::saveParams(QSettings &s) const
{
    s.beginGroup(u"params"_s);
    for (const auto &info : catalog()) {
        const QString id = toQString(info.id);
        const ExperimentParams params = m_panel->paramsFor(id);
        s.beginGroup(id);
        for (const auto &key : info.params)
            if (const ParamSpec *spec = findParam(key))
                s.setValue(toQString(key), params.*spec->field);
        s.endGroup();
    }
    s.endGroup();
}

void WindowSettings::loadParams(QSettings &s) const
{
    s.beginGroup(u"params"_s);
    for (const auto &info : catalog()) {
        const QString id = toQString(info.id);
        ExperimentParams params = m_panel->paramsFor(id);
        bool changed = false;
        s.beginGroup(id);
        for (const auto &key : info.params) {
            const ParamSpec *spec = findParam(key);
            const QString name = toQString(key);
            if (!spec || !s.contains(name))
                continue;
            bool ok = false;
            const int value = s.value(name).toInt(&ok);
            // A value from an older version that is out of range now is dropped.
            if (ok && !spec->check(value)) {
                params.*spec->field = value;
                changed = true;
            }
        }
        s.endGroup();
        if (changed)
            m_panel->setParams(id, params);
    }
    s.endGroup();
}

} // namespace lab
