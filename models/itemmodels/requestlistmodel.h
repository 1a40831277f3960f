#pragma once

#include "domain/servicerequest.h"
#include "storage/historyfilter.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QTimeZone>
#include <functional>

namespace civicdesk {

class RequestRepository;
class RequestSearchRepository;

// Requests matching a history filter, fetched a page at a time as the view scrolls
// (canFetchMore/fetchMore), so a million rows never load at once. Sorting is done by the store
// (sort() reloads in the new order): a proxy model could only sort the rows loaded so far.
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

    explicit RequestListModel(const RequestSearchRepository &search, QObject *parent = nullptr);
    // Without a search repository: the quick text and status only, newest first, not sortable.
    explicit RequestListModel(const RequestRepository &repository, QObject *parent = nullptr);

    void setFilter(const HistoryFilter &filter);
    const HistoryFilter &filter() const { return m_filter; }
    int totalCount() const { return m_total; }
    bool totalIsCapped() const { return m_total > CountCap; }
    bool isSortable() const { return m_sortable; }
    // Seam for tests: the time SLA states are measured against.
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }
    // Times are shown in the city's zone (an agent in Boston reads Boston time).
    void setDisplayTimeZone(const QTimeZone &zone) { m_zone = zone; }
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

private:
    std::function<int(const HistoryFilter &)> m_count;
    std::function<RequestPage(const HistoryFilter &, const PageCursor &)> m_page;
    bool m_sortable = false;
    HistoryFilter m_filter;
    QList<ServiceRequest> m_rows;
    PageCursor m_cursor;
    bool m_more = false;
    bool m_resetting = false;
    int m_total = 0;
    QTimeZone m_zone;
    std::function<QDateTime()> m_clock = [] { return QDateTime::currentDateTimeUtc(); };
};

} // namespace civicdesk
