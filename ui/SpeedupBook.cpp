#include "SpeedupBook.h"

#include "QtStrings.h"
#include "SecondsText.h"

#include <algorithm>

namespace lab {

QString SpeedupBook::workloadKey(const QString &experiment, const ExperimentParams &params)
{
    const ExperimentInfo *info = findExperiment(experiment.toStdString());
    QString key = experiment;
    if (!info)
        return key;
    for (const auto &k : info->params) {
        const bool shared = std::all_of(catalog().begin(), catalog().end(), [&](const ExperimentInfo &other) {
            const bool sameWorkload = other.group == info->group && (other.role == ExperimentRole::Baseline || baselineOf(other));
            return !sameWorkload || std::find(other.params.begin(), other.params.end(), k) != other.params.end();
        });
        if (const ParamSpec *spec = findParam(k); spec && shared)
            key += u'|' + toQString(k) + u'=' + QString::number(params.*spec->field);
    }
    return key;
}

std::optional<std::int64_t> SpeedupBook::baselineNs(const RunResult &result) const
{
    const ExperimentInfo *info = findExperiment(result.experiment);
    const ExperimentInfo *seq = info ? baselineOf(*info) : nullptr;
    if (!seq)
        return std::nullopt;
    if (auto it = m_baselines.constFind(workloadKey(toQString(seq->id), result.params)); it != m_baselines.constEnd())
        return it.value();
    return std::nullopt;
}

QString SpeedupBook::summary(const RunResult &result)
{
    const QString id = toQString(result.experiment);
    QString text = tr("<b>%1</b>: wall time <b>%2</b>").arg(id, secondsText(result.wallNs));
    const ExperimentInfo *info = findExperiment(result.experiment);
    const ExperimentInfo *seq = info ? baselineOf(*info) : nullptr;
    if (!seq)
        return text;
    const QString seqId = toQString(seq->id);
    if (seq == info) {
        m_baselines.insert(workloadKey(seqId, result.params), result.wallNs);
        return text + tr(" — the baseline for this group's speedups");
    }
    if (const auto baseline = baselineNs(result); baseline && result.wallNs > 0) {
        const double speedup = double(*baseline) / double(result.wallNs);
        return text + tr(" — speedup <b>%1×</b> over %2 (%3)").arg(QString::number(speedup, 'f', 2), seqId, secondsText(*baseline));
    }
    return text + tr(" — run %1 with the same workload to see the speedup").arg(seqId);
}

} // namespace lab
