#pragma once

#include "models/domain/clock.h"
#include "models/domain/servicenames.h"
#include "models/domain/servicerequest.h"
#include "models/itemmodels/requestqueryrunner.h"
#include "models/requests/historyfilter.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QTimeZone>
#include <functional>

namespace civicdesk {

class Database;
struct RequestQueryResult;

// Requests matching a history filter, fetched a page at a time as the view scrolls
// (canFetchMore/fetchMore), so a million rows never load at once. Sorting is done by the store
// (sort() reloads in the new order): a proxy model could only sort the rows loaded so far.
//
// Searches run on a search thread (RequestQueryRunner) so a slow filter never freezes the UI:
// a new filter keeps the rows shown until its first page arrives (isLoading() meanwhile), and
// answers to filters the agent has already replaced are dropped.
class RequestListModel : public QAbstractTableModel
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
        Opened,
        ColumnCount
    };
    enum Role
    {
        IdRole = Qt::UserRole + 1,
        SlaStateRole
    };
    static constexpr int PageSize = 200;
    // Counting stops here: a broad filter shows "10,000+" instead of scanning the store.
    static constexpr int CountCap = 10000;

    explicit RequestListModel(const Database &database, QObject *parent = nullptr,
                              RequestQueryRunner::Mode mode = RequestQueryRunner::Mode::Background);

    void setFilter(const HistoryFilter &filter);
    const HistoryFilter &filter() const { return m_filter; }
    int totalCount() const { return m_total; }
    bool totalIsCapped() const { return m_total > CountCap; }
    // A new filter or order is being searched; its rows replace the current ones when they come.
    bool isLoading() const { return m_loading; }
    bool isThreaded() const { return m_runner->isThreaded(); }
    // Answers that came after their filter was replaced, dropped (plus those never run).
    int staleDropped() const { return m_staleDropped + m_runner->skipped(); }
    // Seam for tests: the time SLA states are measured against.
    void setClock(Clock clock) { m_clock = std::move(clock); }
    // Times are shown in the city's zone (an agent in Boston reads Boston time).
    void setDisplayTimeZone(const QTimeZone &zone) { m_zone = zone; }
    // Types are shown as the window's language names them (CatalogueRepository::serviceNames).
    void setTypeNames(ServiceNames names) { m_names = std::move(names); }
    const ServiceNames &typeNames() const { return m_names; }
    void reload();
    QString requestId(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

signals:
    void loadingChanged(bool loading);
    void failed(const QString &message);

private:
    void answered(const RequestQueryResult &result);
    void showFirstPage(const RequestQueryResult &result);
    void appendPage(const RequestQueryResult &result);

    RequestQueryRunner *m_runner;
    quint64 m_generation = 0;
    bool m_loading = false;  // waiting for the first page of m_generation
    bool m_fetching = false; // waiting for the next page
    int m_staleDropped = 0;
    HistoryFilter m_filter;
    QList<ServiceRequest> m_rows;
    PageCursor m_cursor;
    bool m_more = false;
    bool m_resetting = false;
    int m_total = 0;
    QTimeZone m_zone;
    ServiceNames m_names;
    Clock m_clock;
};

} // namespace civicdesk
