#pragma once

#include "models/quality/qualityreviews.h"

#include <QList>
#include <QMap>
#include <QString>
#include <optional>

namespace civicdesk {

// How far independent reviewers agree, and how each stands against a reference reviewer.
//
// The statistic is Krippendorff's alpha (alpha = 1 - observed / expected disagreement): it takes
// any number of reviewers, contacts that not every reviewer scored and missing answers (N/A,
// questions not asked); 1 is perfect agreement, 0 agreement no better than chance. Yes/no
// questions use the nominal metric, scale questions and the overall score the interval metric
// (squared difference). Alpha is undefined (nothing) when fewer than two values can be paired
// or when every value is the same. Beside it: percent agreement, the share of reviewer pairs on
// a contact that agree (same answer; for the overall score within 5 points).
namespace revieweragreement {

enum class Metric
{
    Nominal,
    Interval
};

// unit (contact) -> reviewer -> value
using Ratings = QMap<QString, QMap<QString, double>>;

std::optional<double> krippendorffAlpha(const Ratings &ratings, Metric metric);
// Share of reviewer pairs per unit whose values differ by at most `tolerance`, 0 to 100.
std::optional<double> percentAgreement(const Ratings &ratings, double tolerance = 0.0);

struct QuestionAgreement
{
    QString questionId = QString();
    QString text = QString();
    int contacts = 0; // contacts with at least two answers to it
    std::optional<double> alpha = std::nullopt;
    std::optional<double> percent = std::nullopt;
};

struct Report
{
    int contacts = 0; // contacts scored by two reviewers or more
    std::optional<double> scoreAlpha = std::nullopt;
    std::optional<double> scorePercentWithin5 = std::nullopt;
    QList<QuestionAgreement> questions = {};
};

// Agreement over the evaluations on one form (the questions of the newest version seen).
Report agreement(const QList<Evaluation> &evaluations, const QString &formId);

struct Calibration
{
    QString reviewer = QString();
    int contacts = 0;          // contacts both this reviewer and the reference scored
    double meanDifference = 0; // reviewer's score - reference's, in points
    double meanAbsoluteDifference = 0;
    std::optional<double> answerMatch = std::nullopt; // % of answers both gave that are equal
};

// Every other reviewer against `reference` on the contacts they both scored, by reviewer name.
QList<Calibration> calibrate(const QList<Evaluation> &evaluations, const QString &formId,
                             const QString &reference);

} // namespace revieweragreement

} // namespace civicdesk
