#pragma once

#include "domain/servicerequest.h"
#include "storage/requestrepository.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QTimeZone>
#include <functional>

namespace civicdesk {

// Requests newest first, fetched a page at a time as the view scrolls (canFetchMore/fetchMore),
// so 100,000s of rows never load at once.
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

    explicit RequestListModel(const RequestRepository &repository, QObject *parent = nullptr);

    void setFilter(const RequestFilter &filter);
    const RequestFilter &filter() const { return m_filter; }
    int totalCount() const { return m_total; }
    // Seam for tests: the time SLA states are measured against.
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }
    // Times are shown in the city's zone (an agent in Boston reads Boston time).
    void setDisplayTimeZone(const QTimeZone &zone) { m_zone = zone; }
    void reload();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

private:
    const RequestRepository &m_repository;
    RequestFilter m_filter;
    QList<ServiceRequest> m_rows;
    int m_total = 0;
    QTimeZone m_zone;
    std::function<QDateTime()> m_clock = [] { return QDateTime::currentDateTimeUtc(); };
};

} // namespace civicdesk
