#pragma once

#include "models/domain/servicetype.h"

#include <QHash>
#include <QList>
#include <QStringList>

namespace civicdesk {

// One problem with one answer, said so the agent can fix it.
struct FieldProblem
{
    QString attributeCode;
    QString message;
    friend bool operator==(const FieldProblem &, const FieldProblem &) = default;
};

// Answers of an intake form: attribute code -> the text typed, or the selected list keys.
using Answers = QHash<QString, QStringList>;

// Checks the answers against the type's Open311 definition: only attributes shown under the
// current answers count; required ones must be answered; numbers, dates and list keys must be
// valid; text lengths are bounded (Open311: descriptions up to 4,000 characters).
QList<FieldProblem> validateAnswers(const ServiceType &type, const Answers &answers);

// Answers without the attributes hidden by their dependencies and without empty values: what is
// stored with the request.
Answers answersToStore(const ServiceType &type, const Answers &answers);

// Accepts "2026-11-23 14:05", "2026-11-23T14:05:00" and "11/23/2026 2:05 PM".
QDateTime parseAnswerDateTime(const QString &text);

constexpr int MaxStringAnswerLength = 255;
constexpr int MaxTextAnswerLength = 4000;

} // namespace civicdesk
