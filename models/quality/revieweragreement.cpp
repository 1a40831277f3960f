#include "models/quality/revieweragreement.h"

#include <cmath>

namespace civicdesk::revieweragreement {

namespace {

double delta2(double a, double b, Metric metric)
{
    if (metric == Metric::Nominal)
        return a == b ? 0.0 : 1.0;
    return (a - b) * (a - b);
}

// The evaluations on `formId`, one per contact and reviewer (the first seen).
QMap<QString, QMap<QString, const Evaluation *>> byContact(const QList<Evaluation> &evaluations,
                                                           const QString &formId)
{
    QMap<QString, QMap<QString, const Evaluation *>> map;
    for (const Evaluation &e : evaluations) {
        if (e.form.id != formId)
            continue;
        auto &reviewers = map[e.contactId];
        if (!reviewers.contains(e.reviewer))
            reviewers.insert(e.reviewer, &e);
    }
    return map;
}

} // namespace

std::optional<double> krippendorffAlpha(const Ratings &ratings, Metric metric)
{
    // Only values in units with two or more values can be paired.
    QList<QList<double>> units;
    QList<double> all;
    for (const auto &unit : ratings) {
        if (unit.size() < 2)
            continue;
        units.append(unit.values());
        all += unit.values();
    }
    const double n = double(all.size());
    if (n < 2)
        return std::nullopt;
    double observed = 0;
    for (const QList<double> &values : units) {
        double within = 0;
        for (qsizetype i = 0; i < values.size(); ++i) {
            for (qsizetype j = 0; j < values.size(); ++j) {
                if (i != j)
                    within += delta2(values.at(i), values.at(j), metric);
            }
        }
        observed += within / double(values.size() - 1);
    }
    observed /= n;
    double expected = 0;
    for (qsizetype i = 0; i < all.size(); ++i) {
        for (qsizetype j = 0; j < all.size(); ++j) {
            if (i != j)
                expected += delta2(all.at(i), all.at(j), metric);
        }
    }
    expected /= n * (n - 1);
    if (expected <= 0)
        return std::nullopt; // no variation at all: agreement cannot be told from chance
    return 1.0 - observed / expected;
}

std::optional<double> percentAgreement(const Ratings &ratings, double tolerance)
{
    int pairs = 0;
    int agreeing = 0;
    for (const auto &unit : ratings) {
        const QList<double> values = unit.values();
        for (qsizetype i = 0; i < values.size(); ++i) {
            for (qsizetype j = i + 1; j < values.size(); ++j) {
                ++pairs;
                if (std::abs(values.at(i) - values.at(j)) <= tolerance + 1e-9)
                    ++agreeing;
            }
        }
    }
    if (pairs == 0)
        return std::nullopt;
    return 100.0 * agreeing / pairs;
}

Report agreement(const QList<Evaluation> &evaluations, const QString &formId)
{
    Report report;
    const auto contacts = byContact(evaluations, formId);
    const Evaluation *newest = nullptr;
    Ratings scores;
    for (auto c = contacts.cbegin(); c != contacts.cend(); ++c) {
        if (c->size() >= 2)
            ++report.contacts;
        for (auto r = c->cbegin(); r != c->cend(); ++r) {
            scores[c.key()].insert(r.key(), (*r)->finalScore);
            if (!newest || (*r)->form.version > newest->form.version)
                newest = *r;
        }
    }
    report.scoreAlpha = krippendorffAlpha(scores, Metric::Interval);
    report.scorePercentWithin5 = percentAgreement(scores, 5.0);
    if (!newest)
        return report;
    for (const FormQuestion &q : newest->form.questions()) {
        Ratings ratings;
        for (auto c = contacts.cbegin(); c != contacts.cend(); ++c) {
            for (auto r = c->cbegin(); r != c->cend(); ++r) {
                const auto answer = (*r)->answers.constFind(q.id);
                if (answer != (*r)->answers.cend() && answer->value)
                    ratings[c.key()].insert(r.key(), *answer->value);
            }
        }
        QuestionAgreement qa;
        qa.questionId = q.id;
        qa.text = q.text;
        for (const auto &unit : ratings)
            qa.contacts += unit.size() >= 2 ? 1 : 0;
        qa.alpha = krippendorffAlpha(
            ratings, q.kind == FormQuestion::Kind::YesNo ? Metric::Nominal : Metric::Interval);
        qa.percent = percentAgreement(ratings);
        report.questions.append(qa);
    }
    return report;
}

QList<Calibration> calibrate(const QList<Evaluation> &evaluations, const QString &formId,
                             const QString &reference)
{
    QMap<QString, Calibration> byReviewer;
    QMap<QString, std::pair<int, int>> answers; // reviewer -> (equal, compared)
    const auto contacts = byContact(evaluations, formId);
    for (const auto &reviewers : contacts) {
        const Evaluation *ref = reviewers.value(reference, nullptr);
        if (!ref)
            continue;
        for (auto r = reviewers.cbegin(); r != reviewers.cend(); ++r) {
            if (r.key() == reference)
                continue;
            Calibration &c = byReviewer[r.key()];
            c.reviewer = r.key();
            ++c.contacts;
            const double difference = (*r)->finalScore - ref->finalScore;
            c.meanDifference += difference;
            c.meanAbsoluteDifference += std::abs(difference);
            for (auto a = (*r)->answers.cbegin(); a != (*r)->answers.cend(); ++a) {
                const auto theirs = ref->answers.constFind(a.key());
                if (!a->value || theirs == ref->answers.cend() || !theirs->value)
                    continue;
                auto &[equal, compared] = answers[r.key()];
                ++compared;
                equal += *a->value == *theirs->value ? 1 : 0;
            }
        }
    }
    QList<Calibration> list;
    for (Calibration c : byReviewer) {
        c.meanDifference /= c.contacts;
        c.meanAbsoluteDifference /= c.contacts;
        const auto [equal, compared] = answers.value(c.reviewer);
        if (compared > 0)
            c.answerMatch = 100.0 * equal / compared;
        list.append(c);
    }
    return list;
}

} // namespace civicdesk::revieweragreement
