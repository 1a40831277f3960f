#include "models/itemmodels/historyentrymodel.h"

#include "models/domain/requestnumber.h"
#include "models/itemmodels/requesttexts.h"

namespace civicdesk {

HistoryEntryModel::HistoryEntryModel(QObject *parent) : QAbstractTableModel(parent) {}

void HistoryEntryModel::setEntries(QList<HistoryEntry> entries)
{
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
}

int HistoryEntryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int HistoryEntryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HistoryEntryModel::display(const HistoryEntry &e, Column column) const
{
    const bool isContact = e.kind == HistoryEntry::Kind::Contact;
    const bool hasRequest = !e.request.id.isEmpty();
    switch (column) {
    case Number: {
        QStringList numbers = isContact ? e.requestNumbers : QStringList{e.request.number};
        for (QString &number : numbers)
            number = RequestNumber::published(number);
        return numbers.join(QStringLiteral(", "));
    }
    case Type: {
        const QString type = m_names.shown(e.request.serviceCode, e.request.typeName);
        if (!isContact)
            return type;
        return hasRequest ? tr("Contact: %1").arg(type) : tr("Contact");
    }
    case Status:
        return isContact ? requesttexts::outcome(e.contact.outcome)
                         : requesttexts::status(e.request);
    case Sla:
        return hasRequest ? requesttexts::sla(e.request.slaState(m_clock.now())) : QString();
    case Channel:
        return requesttexts::channel(isContact ? channelName(e.contact.channel)
                                               : e.request.channel);
    case Address:
        if (e.sameAddress)
            return tr("%1 (same address)").arg(e.request.address);
        if (e.distanceMeters >= 0)
            return tr("%1 (%2 m away)").arg(e.request.address).arg(qRound(e.distanceMeters));
        return e.request.address;
    case When:
        return requesttexts::listMoment(e.when(), m_clock.now(), m_zone);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant HistoryEntryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const HistoryEntry &e = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(e, Column(index.column()));
    case Qt::ToolTipRole: {
        QString tip = e.kind == HistoryEntry::Kind::Contact && !e.contact.notes.isEmpty()
                          ? e.contact.notes
                          : e.request.description;
        // The list shows the day (or today's time): the tooltip has both.
        if (index.column() == When)
            tip = tip.isEmpty() ? requesttexts::fullMoment(e.when(), m_zone)
                                : requesttexts::fullMoment(e.when(), m_zone) + u'\n' + tip;
        return tip.isEmpty() ? QVariant() : QVariant(tip);
    }
    case RequestIdRole:
        return e.request.id;
    case KindRole:
        return int(e.kind);
    case SameAddressRole:
        return e.sameAddress;
    case DistanceRole:
        return e.distanceMeters;
    case SlaStateRole:
        return int(e.request.slaState(m_clock.now()));
    default:
        return {};
    }
}

QVariant HistoryEntryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (section == When)
        return tr("When");
    return requesttexts::columnTitle(section);
}

} // namespace civicdesk
