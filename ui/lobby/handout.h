#pragma once

#include "models/domain/result.h"
#include "models/lobby/lobbyrepository.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace civicdesk {

// What an information-only visit takes home: the script of each article opened during the
// visit, in the visitor's language, with how to reach the city; never the visitor's name.
struct Handout
{
    QString language = QStringLiteral("en"); // en or es
    QString cityName = QString();
    QString phone = QString();
    QString web = QString();
    QString ticketNumber = QString();
    QString counter = QString();
    QDateTime at = QDateTime();
    QString timeZone = QString(); // IANA zone of the city; empty: local time
    QList<VisitArticle> articles;
    bool training = false; // printed in practice mode: says TRAINING at its top and bottom
};

// Lays out and prints handouts through the RollPrinter (the default printer, or an 80 mm PDF
// when none is set).
class HandoutPrinter
{
public:
    static QString html(const Handout &handout);
    static Status printPdf(const Handout &handout, const QString &path);
    // Answers where it went: the printer, or the PDF `fileName` in `folder`.
    static Result<QString> printOrSave(const Handout &handout, const QString &folder,
                                       const QString &fileName);
};

} // namespace civicdesk
