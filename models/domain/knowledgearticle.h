#pragma once

#include <QDate>
#include <QString>
#include <QStringList>

namespace civicdesk {

// A knowledge base article: what the agent tells the caller, and when to transfer.
struct KnowledgeArticle
{
    enum class Audience
    {
        Agent,
        Public
    };
    enum class State
    {
        Draft,
        InReview,
        Published,
        Archived
    };

    QString id;
    QString title;
    QString body;   // light Markdown: headings, lists, links
    QString script; // read aloud to the caller
    Audience audience = Audience::Public;
    QString language = QStringLiteral("en");
    QString translationGroup; // articles with the same group are translations of each other
    QString departmentCode;
    QStringList serviceCodes;
    QString keywords;
    QString transferTarget; // department, phone, hours
    QDate effective;
    QDate expires;
    QDate reviewDue;
    State state = State::Published;
    QString source; // "seed" (from the city's catalogue), "pack" or "local"
};

} // namespace civicdesk
