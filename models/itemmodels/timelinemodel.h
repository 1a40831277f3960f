#pragma once

#include "models/requests/timelineentry.h"

#include <QAbstractTableModel>
#include <QTimeZone>

namespace civicdesk {

// A request's timeline for reading: when, who, through which channel, and what happened (each
// field change as before → after, notes, status changes with their reasons, callers attached,
// duplicate links from either side, callbacks scheduled and done).
class TimelineModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Time,
        Agent,
        Channel,
        What,
        ColumnCount
    };
    enum Role
    {
        KindRole = Qt::UserRole + 1,
        PublicRole
    };

    explicit TimelineModel(QObject *parent = nullptr);

    void setEntries(QList<TimelineEntry> entries);
    const QList<TimelineEntry> &entries() const { return m_entries; }
    void setDisplayTimeZone(const QTimeZone &zone) { m_zone = zone; }
    // What happened, in one sentence.
    QString describe(const TimelineEntry &entry) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QString localTime(const QDateTime &time) const;

    QList<TimelineEntry> m_entries;
    QTimeZone m_zone;
};

} // namespace civicdesk
