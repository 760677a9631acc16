#include "ExperimentPanel.h"

#include <QAbstractSpinBox>

#include "LessonPace.h"
#include "QtStrings.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace lab {

namespace {

constexpr int idRole = Qt::UserRole;

QString editorName(const std::string &key) { return u"param-"_s + toQString(key); }

// A choice as the GUI shows it: its label when it has one (multiprocessing.Pool), else its name.
QString choiceText(const ParamSpec &spec, std::size_t i)
{
    return toQString(i < spec.choiceLabels.size() ? spec.choiceLabels[i] : spec.choices[i]);
}

QString paramToolTip(const ParamSpec &spec)
{
    QString tip = toQString(spec.help);
    if (spec.choices.empty()) {
        tip += u"\n"_s + toQString(spec.allowedRange()) + u"; default "_s + QString::number(spec.defaultValue);
        if (!spec.zeroMeans.empty())
            tip += u"\n"_s + ExperimentPanel::tr("0: %1").arg(toQString(spec.zeroMeans));
    } else {
        QStringList names;
        for (std::size_t i = 0; i < spec.choices.size(); ++i)
            names << choiceText(spec, i) + (i < spec.choiceLabels.size() ? u" ("_s + toQString(spec.choices[i]) + u")"_s : QString());
        tip += u"\n"_s + ExperimentPanel::tr("One of: %1").arg(names.join(u", "_s));
    }
    return tip + u"\n(--"_s + toQString(spec.key) + u")"_s;
}

} // namespace

ExperimentPanel::ExperimentPanel(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    createTree();
    layout->addWidget(m_tree, 3);
    createDescription(layout);
    createRunControls(layout);
    layout->addStretch(1);

    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) { onItemChanged(item); });
    if (!catalog().empty())
        setCurrentExperiment(toQString(catalog().front().id));
}

void ExperimentPanel::createTree()
{
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(u"experimentTree"_s);
    m_tree->setHeaderHidden(true);
    m_tree->setColumnCount(1);
    m_tree->setRootIsDecorated(false);
    m_tree->setIndentation(12);
    m_tree->setUniformRowHeights(true);
    m_tree->setToolTip(tr("The lesson's experiments, in the order the lesson takes them (PageDown / PageUp step through them)"));

    for (auto group : {ExperimentGroup::IoBound, ExperimentGroup::CpuBound, ExperimentGroup::Scaling}) {
        QTreeWidgetItem *groupItem = nullptr;
        for (const auto &info : catalog()) {
            if (info.group != group)
                continue;
            if (!groupItem) {
                groupItem = new QTreeWidgetItem(m_tree, {toQString(toString(group))});
                groupItem->setFlags(Qt::ItemIsEnabled);
                QFont font = groupItem->font(0);
                font.setBold(true);
                groupItem->setFont(0, font);
            }
            const QString id = toQString(info.id);
            auto *item = new QTreeWidgetItem(groupItem, {toQString(info.title)});
            item->setData(0, idRole, id);
            item->setToolTip(0, u"<b>%1</b><br>%2"_s.arg(id, toQString(info.description).toHtmlEscaped()));
            m_items.insert(id, item);
            m_params.insert(id, defaultParams(info));
        }
        if (groupItem)
            groupItem->setExpanded(true);
    }
}

void ExperimentPanel::createDescription(QVBoxLayout *layout)
{
    m_title = new QLabel(this);
    m_title->setObjectName(u"experimentTitle"_s);
    m_title->setWordWrap(true);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    layout->addWidget(m_title);

    m_description = new QLabel(this);
    m_description->setObjectName(u"experimentDescription"_s);
    m_description->setWordWrap(true);
    m_description->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_description);

    m_paramBox = new QWidget(this);
    m_form = new QFormLayout(m_paramBox);
    m_form->setContentsMargins(0, 4, 0, 4);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    layout->addWidget(m_paramBox);
}

void ExperimentPanel::createRunControls(QVBoxLayout *layout)
{
    auto *reset = new QPushButton(tr("Defaults"), this);
    reset->setObjectName(u"resetParams"_s);
    reset->setToolTip(tr("Put this experiment's parameters back to the lesson's values"));
    connect(reset, &QPushButton::clicked, this, &ExperimentPanel::resetParams);

    auto *buttons = new QHBoxLayout;
    m_runButton = new QToolButton(this);
    m_stopButton = new QToolButton(this);
    for (auto *b : {m_runButton, m_stopButton}) {
        b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        b->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        b->setMinimumHeight(32);
        buttons->addWidget(b);
    }
    m_runButton->setObjectName(u"runButton"_s);
    m_stopButton->setObjectName(u"stopButton"_s);
    buttons->addWidget(reset);
    layout->addLayout(buttons);

    m_elapsed = new QLabel(this);
    m_elapsed->setObjectName(u"elapsedLabel"_s);
    m_elapsed->setToolTip(tr("Time since the run started"));
    QFont mono = m_elapsed->font();
    mono.setFamily(u"monospace"_s);
    mono.setStyleHint(QFont::Monospace);
    mono.setPointSizeF(mono.pointSizeF() * 1.3);
    m_elapsed->setFont(mono);
    layout->addWidget(m_elapsed);

    m_result = new QLabel(this);
    m_result->setObjectName(u"resultLabel"_s);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->setMinimumHeight(m_result->fontMetrics().height() * 3);
    m_result->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    layout->addWidget(m_result);
}

void ExperimentPanel::setRunActions(QAction *run, QAction *stop)
{
    m_runButton->setDefaultAction(run);
    m_stopButton->setDefaultAction(stop);
}

bool ExperimentPanel::setCurrentExperiment(const QString &id)
{
    QTreeWidgetItem *item = m_items.value(id);
    if (!item)
        return false;
    m_tree->setCurrentItem(item);
    return true;
}

bool ExperimentPanel::selectNext()
{
    const auto &list = catalog();
    for (std::size_t i = 0; i + 1 < list.size(); ++i)
        if (toQString(list[i].id) == m_current)
            return setCurrentExperiment(toQString(list[i + 1].id));
    return false;
}

bool ExperimentPanel::selectPrevious()
{
    const auto &list = catalog();
    for (std::size_t i = 1; i < list.size(); ++i)
        if (toQString(list[i].id) == m_current)
            return setCurrentExperiment(toQString(list[i - 1].id));
    return false;
}

void ExperimentPanel::onItemChanged(QTreeWidgetItem *item)
{
    const QString id = item ? item->data(0, idRole).toString() : QString();
    if (id.isEmpty()) {
        // A group heading is not an experiment. Reached by a key, step over it the way
        // the key went (Down from a group's last item goes on to the next group);
        // clicked, keep the experiment selected before it.
        QTreeWidgetItem *current = m_items.value(m_current);
        QTreeWidgetItem *next = nullptr;
        if (item && current && QApplication::mouseButtons() == Qt::NoButton) {
            bool currentIsAbove = false;
            for (QTreeWidgetItem *above = m_tree->itemAbove(item); above && !currentIsAbove; above = m_tree->itemAbove(above))
                currentIsAbove = above == current;
            next = currentIsAbove ? m_tree->itemBelow(item) : m_tree->itemAbove(item);
        }
        if (next && !next->data(0, idRole).toString().isEmpty()) {
            m_tree->setCurrentItem(next); // comes back here with an experiment
            return;
        }
        if (current) {
            QSignalBlocker block(m_tree);
            m_tree->setCurrentItem(current);
        }
        return;
    }
    if (id == m_current)
        return;
    m_current = id;
    const ExperimentInfo *info = findExperiment(id.toStdString());
    m_title->setText(info ? toQString(info->title) : id);
    m_description->setText(info ? toQString(info->description) + u"\n"_s + id : QString());
    rebuildEditors();
    Q_EMIT experimentChanged(id);
}

void ExperimentPanel::rebuildEditors()
{
    m_paceNote = nullptr;
    m_stdoutNote = nullptr;
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    const ExperimentInfo *info = findExperiment(m_current.toStdString());
    if (!info)
        return;
    const ExperimentParams values = m_params.value(m_current, defaultParams(*info));
    for (const auto &key : info->params) {
        const ParamSpec *spec = findParam(key);
        if (!spec)
            continue;
        const int value = values.*spec->field;
        QWidget *editor = nullptr;
        if (!spec->choices.empty()) {
            auto *combo = new QComboBox(m_paramBox);
            for (std::size_t i = 0; i < spec->choices.size(); ++i)
                combo->addItem(choiceText(*spec, i));
            combo->setCurrentIndex(std::clamp(value, 0, int(spec->choices.size()) - 1));
            connect(combo, &QComboBox::currentIndexChanged, this, [this, spec](int index) { storeEditorValue(*spec, index); });
            editor = combo;
        } else {
            auto *spin = new QSpinBox(m_paramBox);
            spin->setRange(spec->minimum, spec->maximum);
            if (!spec->unit.empty())
                spin->setSuffix(u" "_s + toQString(spec->unit));
            if (!spec->zeroMeans.empty() && spec->minimum == 0)
                spin->setSpecialValueText(toQString(spec->zeroMeans));
            spin->setValue(value);
            spin->setAccelerated(true);
            spin->setKeyboardTracking(false);
            spin->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
            connect(spin, &QSpinBox::valueChanged, this, [this, spec](int v) { storeEditorValue(*spec, v); });
            editor = spin;
        }
        editor->setObjectName(editorName(spec->key));
        editor->setToolTip(paramToolTip(*spec));
        editor->setEnabled(m_editable);
        auto *label = new QLabel(toQString(spec->label) + u":"_s, m_paramBox);
        label->setToolTip(editor->toolTip());
        label->setBuddy(editor);
        label->setWordWrap(true);
        m_form->addRow(label, editor);
        if (spec->key == "n") {
            m_paceNote = new QLabel(m_paramBox);
            m_paceNote->setObjectName(u"paceNote"_s);
            m_paceNote->setWordWrap(true);
            m_paceNote->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
            m_paceNote->setToolTip(toQString(spec->help));
            m_form->addRow(m_paceNote);
        }
        if (spec->key == "stdout") {
            m_stdoutNote = new QLabel(m_paramBox);
            m_stdoutNote->setObjectName(u"stdoutNote"_s);
            m_stdoutNote->setWordWrap(true);
            m_stdoutNote->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum); // a squeezed form must not clip it
            m_stdoutNote->setToolTip(toQString(spec->help));
            m_form->addRow(m_stdoutNote);
        }
    }
    refreshPaceNote();
    refreshStdoutNote();
}

void ExperimentPanel::refreshStdoutNote()
{
    if (!m_stdoutNote)
        return;
    const bool unbuffered = m_params.value(m_current).stdoutMode == 1;
    m_stdoutNote->setText(unbuffered ? tr("As the lesson's notebook: a print is two writes, so lines can mangle. "
                                          "A terminal would print them whole.")
                                     : tr("As a terminal: each line goes out whole and never mangles. In the lesson's "
                                          "notebook they do."));
}

void ExperimentPanel::refreshPaceNote()
{
    if (!m_paceNote)
        return;
    const ParamSpec *n = findParam("n");
    const bool paced = m_params.value(m_current).*n->field == 0;
    m_paceNote->setVisible(paced);
    if (!paced)
        return;
    const QString why = tr("GMP is ~20× faster than CPython's factorial");
    if (const auto cached = LessonPace::cachedN())
        m_paceNote->setText(tr("n = %1 — lesson pace, ≈ %2 ms a task (%3)").arg(groupedDigits(*cached, QChar(0x2009))).arg(LessonPace::targetMs).arg(why));
    else
        m_paceNote->setText(tr("Lesson pace: n is measured on the first run, for ≈ %1 ms a task (%2)").arg(LessonPace::targetMs).arg(why));
}

void ExperimentPanel::storeEditorValue(const ParamSpec &spec, int value)
{
    auto it = m_params.find(m_current);
    if (it == m_params.end())
        return;
    it.value().*spec.field = value;
    if (spec.key == "n")
        refreshPaceNote();
    if (spec.key == "stdout")
        refreshStdoutNote();
    Q_EMIT paramsChanged();
}

ExperimentParams ExperimentPanel::params() const
{
    return paramsFor(m_current);
}

ExperimentParams ExperimentPanel::paramsFor(const QString &experiment) const
{
    if (auto it = m_params.constFind(experiment); it != m_params.constEnd())
        return it.value();
    return {};
}

void ExperimentPanel::setParams(const QString &experiment, const ExperimentParams &params)
{
    if (!m_params.contains(experiment))
        return;
    m_params[experiment] = params;
    if (experiment == m_current) {
        rebuildEditors();
        Q_EMIT paramsChanged();
    }
}

void ExperimentPanel::resetParams()
{
    if (const ExperimentInfo *info = findExperiment(m_current.toStdString()))
        setParams(m_current, defaultParams(*info));
}

void ExperimentPanel::commitEdits()
{
    for (QAbstractSpinBox *spin : m_paramBox->findChildren<QAbstractSpinBox *>())
        spin->interpretText();
}

void ExperimentPanel::setEditable(bool editable)
{
    m_editable = editable;
    for (int row = 0; row < m_form->rowCount(); ++row)
        if (QLayoutItem *item = m_form->itemAt(row, QFormLayout::FieldRole); item && item->widget())
            item->widget()->setEnabled(editable);
}

void ExperimentPanel::setElapsedText(const QString &text)
{
    m_elapsed->setText(text);
}

void ExperimentPanel::setResultText(const QString &text, bool error)
{
    m_result->setText(text);
    m_result->setStyleSheet(error ? u"color: #c62828; font-weight: bold;"_s : QString());
}

QWidget *ExperimentPanel::editor(const QString &key) const
{
    return m_paramBox->findChild<QWidget *>(u"param-"_s + key);
}

} // namespace lab
