#pragma once

#include "models/domain/clock.h"
#include "models/domain/servicenames.h"
#include "models/requests/callbackentry.h"

#include <QAbstractTableModel>
#include <QTimeZone>
#include <functional>

namespace civicdesk {

// Callbacks promised to callers, for the callbacks list: when each is due and whether it is
// overdue or due soon, the request, who to call and why, and who promised it.
class CallbackListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Due,
        State,
        Number,
        Type,
        Caller,
        Note,
        ScheduledBy,
        ColumnCount
    };
    enum Role
    {
        CallbackIdRole = Qt::UserRole + 1,
        RequestIdRole,
        StateRole
    };

    explicit CallbackListModel(QObject *parent = nullptr);

    void setEntries(QList<CallbackEntry> entries);
    const CallbackEntry &entry(int row) const { return m_entries.at(row); }
    // Overdue and due soon, as of the clock.
    int dueCount() const;
    void setClock(Clock clock) { m_clock = std::move(clock); }
    void setDisplayTimeZone(const QTimeZone &zone) { m_zone = zone; }
    // Types are shown as the window's language names them (CatalogueRepository::serviceNames).
    void setTypeNames(ServiceNames names) { m_names = std::move(names); }
    static QString stateText(CallbackEntry::State state);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QVariant display(const CallbackEntry &entry, Column column) const;

    QList<CallbackEntry> m_entries;
    QTimeZone m_zone;
    ServiceNames m_names;
    Clock m_clock;
};

} // namespace civicdesk
