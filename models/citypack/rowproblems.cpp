#include "models/citypack/rowproblems.h"

#include "models/citypack/citypack.h"

#include <QCoreApplication>

namespace civicdesk {

RowProblems::RowProblems(const CityPack &pack) : m_listAll(pack.listEveryBadRow) {}

bool RowProblems::add(const Error &error)
{
    if (m_count == 0)
        m_first = error;
    ++m_count;
    if (m_listed.size() < Listed)
        m_listed.append(error.message);
    return !m_listAll;
}

Status RowProblems::result() const
{
    if (m_count == 0)
        return Ok{};
    if (!m_listAll)
        return m_first;
    QStringList lines = m_listed;
    if (m_count > m_listed.size())
        lines.append(QCoreApplication::translate("CityImporter",
                                                 "… and %n more bad row(s) like these", nullptr,
                                                 m_count - int(m_listed.size())));
    return makeError(m_first.code, lines.join(u'\n'));
}

} // namespace civicdesk
