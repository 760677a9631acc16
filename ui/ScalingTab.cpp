#include "ScalingTab.h"

#include "Catalog.h"
#include "LabResources.h"
#include "QtStrings.h"
#include "ScalingChart.h"
#include "SecondsText.h"
#include "SweepController.h"
#include "SweepRun.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace lab {

ScalingTab::ScalingTab(SweepController *sweeps, QWidget *parent) : QWidget(parent), m_sweeps(sweeps)
{
    setObjectName(u"scalingTab"_s);
    // Created in the order the Tab key visits them.
    createPoolChoices();
    createWorkload();
    createProcessChoices();
    createButtons();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->addLayout(createBar());
    m_chart = new ScalingChart(this);
    m_chart->setObjectName(u"scalingChart"_s);
    layout->addWidget(m_chart, 1);

    connect(m_sweeps, &SweepController::started, this, [this](const SweepResult &empty) { m_sweepId = m_chart->addSweep(empty); });
    connect(m_sweeps, &SweepController::progress, this, [this](const SweepResult &partial) {
        m_chart->updateSweep(m_sweepId, partial);
        m_status->setText(tr("%1 of %2 worker counts done").arg(partial.points.size()).arg(partial.spec.workers.size()));
    });
    connect(m_sweeps, &SweepController::finished, this, &ScalingTab::onFinished);
}

void ScalingTab::createPoolChoices()
{
    m_pool = new QComboBox(this);
    m_pool->setObjectName(u"sweepPool"_s);
    m_pool->addItem(tr("process pool"));
    m_pool->addItem(tr("thread pool, GIL on (model)"));
    m_pool->addItem(tr("thread pool, GIL off"));
    m_pool->setToolTip(tr("Which pool maps the factorials: processes (one GIL each) or threads sharing the modelled GIL"));
    m_maxWorkers = new QComboBox(this);
    m_maxWorkers->setObjectName(u"sweepMaxWorkers"_s);
    for (int w = 2; w <= 512; w *= 2)
        m_maxWorkers->addItem(QString::number(w), w);
    m_maxWorkers->setCurrentText(u"64"_s);
    m_maxWorkers->setToolTip(tr("The sweep times pools of 1, 2, 4, … up to this many workers"));
}

void ScalingTab::createWorkload()
{
    const ParamSpec *tasksSpec = findParam("tasks");
    const ParamSpec *nSpec = findParam("n");
    m_tasks = new QSpinBox(this);
    m_tasks->setObjectName(u"sweepTasks"_s);
    m_tasks->setRange(tasksSpec ? tasksSpec->minimum : 1, tasksSpec ? tasksSpec->maximum : 512);
    m_tasks->setValue(30);
    m_tasks->setToolTip(tr("Factorials each pool maps"));
    m_n = new QSpinBox(this);
    m_n->setObjectName(u"sweepN"_s);
    m_n->setRange(nSpec ? nSpec->minimum : 1, nSpec ? nSpec->maximum : 10'000'000);
    m_n->setValue(nSpec ? nSpec->defaultValue : 100'000);
    m_n->setSingleStep(10'000);
    m_n->setGroupSeparatorShown(true);
    if (nSpec && !nSpec->zeroMeans.empty())
        m_n->setSpecialValueText(toQString(nSpec->zeroMeans));
    m_n->setToolTip(nSpec ? toQString(nSpec->help) + u"\n"_s + toQString(nSpec->allowedRange()) : QString());
    m_repeat = new QSpinBox(this);
    m_repeat->setObjectName(u"sweepRepeat"_s);
    m_repeat->setRange(1, 99);
    m_repeat->setToolTip(tr("Runs per worker count; the chart shows their median"));
}

void ScalingTab::createProcessChoices()
{
    const ParamSpec *methodSpec = findParam("start-method");
    m_startMethod = new QComboBox(this);
    m_startMethod->setObjectName(u"sweepStartMethod"_s);
    if (methodSpec)
        for (const auto &choice : methodSpec->choices)
            m_startMethod->addItem(toQString(choice));
    m_startMethod->setToolTip(methodSpec ? toQString(methodSpec->help) : QString());
    const ParamSpec *apiSpec = findParam("pool-api");
    m_poolApi = new QComboBox(this);
    m_poolApi->setObjectName(u"sweepPoolApi"_s);
    for (const auto &api : apiSpec->choiceLabels)
        m_poolApi->addItem(toQString(api));
    m_poolApi->setToolTip(toQString(apiSpec->help));
    // Thread pools have neither.
    connect(m_pool, &QComboBox::currentIndexChanged, this, [this](int pool) {
        m_startMethod->setEnabled(pool == 0);
        m_poolApi->setEnabled(pool == 0);
    });
}

void ScalingTab::createButtons()
{
    m_run = new QPushButton(labIcon(u"run"_s), tr("Run sweep"), this);
    m_run->setObjectName(u"sweepRun"_s);
    m_run->setToolTip(tr("Time the same map on pools of 1, 2, 4, … workers and plot it"));
    connect(m_run, &QPushButton::clicked, this, [this] { run(); });
    m_stop = new QPushButton(labIcon(u"stop"_s), tr("Stop"), this);
    m_stop->setObjectName(u"sweepStop"_s);
    m_stop->setEnabled(false);
    connect(m_stop, &QPushButton::clicked, this, &ScalingTab::stop);
    m_status = new QLabel(this);
    m_status->setObjectName(u"sweepStatus"_s);
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // long messages must not widen the window
}

QHBoxLayout *ScalingTab::createBar()
{
    auto *bar = new QHBoxLayout;
    auto labelled = [this, bar](const QString &text, QWidget *buddy) {
        auto *l = new QLabel(text, this);
        l->setBuddy(buddy);
        bar->addWidget(l);
        bar->addWidget(buddy);
    };
    labelled(tr("&Pool:"), m_pool);
    labelled(tr("up to:"), m_maxWorkers);
    labelled(tr("Tasks:"), m_tasks);
    labelled(tr("n:"), m_n);
    labelled(tr("Repeat:"), m_repeat);
    bar->addWidget(m_poolApi);
    labelled(tr("Start:"), m_startMethod);
    bar->addWidget(m_run);
    bar->addWidget(m_stop);
    bar->addWidget(m_status, 1);
    return bar;
}

SweepSpec ScalingTab::spec() const
{
    SweepSpec spec;
    const int pool = m_pool->currentIndex();
    spec.pool = pool == 0 ? PoolKind::Process : PoolKind::Thread;
    spec.gil = pool != 2;
    spec.workers.clear();
    for (int w : defaultSweepWorkers())
        if (w <= m_maxWorkers->currentData().toInt())
            spec.workers.push_back(w);
    spec.tasks = m_tasks->value();
    spec.n = m_n->value();
    spec.repeat = m_repeat->value();
    spec.startMethod = m_startMethod->currentIndex() == 1 ? StartMethod::Spawn : StartMethod::Fork;
    spec.poolApi = m_poolApi->currentIndex();
    return spec;
}

void ScalingTab::setRunEnabled(bool enabled)
{
    m_run->setEnabled(enabled);
}

void ScalingTab::run()
{
    run(spec());
}

void ScalingTab::setSpec(const SweepSpec &spec)
{
    m_pool->setCurrentIndex(spec.pool == PoolKind::Process ? 0 : spec.gil ? 1 : 2);
    if (const int i = m_maxWorkers->findData(spec.workers.empty() ? 0 : spec.workers.back()); i >= 0)
        m_maxWorkers->setCurrentIndex(i);
    m_tasks->setValue(spec.tasks);
    m_n->setValue(spec.n);
    m_repeat->setValue(spec.repeat);
    m_startMethod->setCurrentIndex(spec.startMethod == StartMethod::Spawn ? 1 : 0);
    m_poolApi->setCurrentIndex(spec.poolApi);
}

QString ScalingTab::run(const SweepSpec &spec)
{
    setSpec(spec); // the form shows what runs
    const QString error = m_sweeps->start(spec);
    if (!error.isEmpty()) {
        m_status->setText(tr("<span style=\"color:#c62828\"><b>Not started:</b> %1</span>").arg(error.toHtmlEscaped()));
        Q_EMIT statusMessage(tr("Sweep not started: %1").arg(error), 10000);
        return error;
    }
    Q_EMIT sweepStarted();
    m_stop->setEnabled(true);
    m_status->setText(tr("Timing 1 worker (T1)…"));
    Q_EMIT stateChanged();
    Q_EMIT statusMessage(tr("Sweeping %1 from 1 to %2 workers…").arg(ScalingChart::kindName(spec)).arg(spec.workers.back()), 0);
    return {};
}

void ScalingTab::stop()
{
    m_sweeps->cancel();
    m_status->setText(tr("Stopping…"));
}

void ScalingTab::onFinished(const SweepResult &result)
{
    m_chart->updateSweep(m_sweepId, result);
    m_stop->setEnabled(false);
    QString text;
    if (!result.error.empty())
        text = tr("<span style=\"color:#c62828\"><b>Failed:</b> %1</span>").arg(toQString(result.error).toHtmlEscaped());
    else if (result.cancelled)
        text = tr("<b>Stopped</b> after %1 of %2 worker counts").arg(result.points.size()).arg(result.spec.workers.size());
    else
        text = tr("Done: %1 worker counts, T1 = %2").arg(result.points.size()).arg(secondsText(result.t1Ns));
    m_status->setText(text);
    Q_EMIT statusMessage(tr("Sweep finished"), 5000);
    Q_EMIT stateChanged();
}

void ScalingTab::saveSettings(QSettings &settings) const
{
    settings.setValue(u"pool"_s, m_pool->currentIndex());
    settings.setValue(u"maxWorkers"_s, m_maxWorkers->currentData().toInt());
    settings.setValue(u"tasks"_s, m_tasks->value());
    settings.setValue(u"n"_s, m_n->value());
    settings.setValue(u"repeat"_s, m_repeat->value());
    settings.setValue(u"startMethod"_s, m_startMethod->currentIndex());
    settings.setValue(u"poolApi"_s, m_poolApi->currentIndex());
}

void ScalingTab::restoreSettings(const QSettings &settings)
{
    auto restoreIndex = [&settings](QComboBox *box, const QString &key) {
        const int i = settings.value(key, box->currentIndex()).toInt();
        if (i >= 0 && i < box->count())
            box->setCurrentIndex(i);
    };
    restoreIndex(m_pool, u"pool"_s);
    restoreIndex(m_startMethod, u"startMethod"_s);
    restoreIndex(m_poolApi, u"poolApi"_s);
    if (const int i = m_maxWorkers->findData(settings.value(u"maxWorkers"_s)); i >= 0)
        m_maxWorkers->setCurrentIndex(i);
    m_tasks->setValue(settings.value(u"tasks"_s, m_tasks->value()).toInt());
    m_n->setValue(settings.value(u"n"_s, m_n->value()).toInt());
    m_repeat->setValue(settings.value(u"repeat"_s, m_repeat->value()).toInt());
}

} // namespace lab
