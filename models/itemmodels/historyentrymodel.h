#pragma once

#include "models/domain/clock.h"
#include "models/domain/servicenames.h"
#include "models/requests/historyentry.h"

#include <QAbstractTableModel>
#include <QTimeZone>
#include <functional>

namespace civicdesk {

// The rows of one history view (the caller's, the location's or the agent's): requests and
// contacts with the request columns of the search list. A contact shows the requests it made
// or joined and its outcome.
class HistoryEntryModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Number,
        Type,
        Status,
        Sla,
        Channel,
        Address,
        When,
        ColumnCount
    };
    enum Role
    {
        RequestIdRole = Qt::UserRole + 1,
        KindRole,
        SameAddressRole,
        DistanceRole,
        SlaStateRole
    };

    explicit HistoryEntryModel(QObject *parent = nullptr);

    void setEntries(QList<HistoryEntry> entries);
    const HistoryEntry &entry(int row) const { return m_entries.at(row); }
    void setClock(Clock clock) { m_clock = std::move(clock); }
    void setDisplayTimeZone(const QTimeZone &zone) { m_zone = zone; }
    // Types are shown as the window's language names them (CatalogueRepository::serviceNames).
    void setTypeNames(ServiceNames names) { m_names = std::move(names); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QVariant display(const HistoryEntry &entry, Column column) const;

    QList<HistoryEntry> m_entries;
    QTimeZone m_zone;
    ServiceNames m_names;
    Clock m_clock;
};

} // namespace civicdesk
