// The layering lint's own test (tests/packaging/checklayeringrefuses.cmake): widget code of
// each kind the lint refuses under ui/, as the supervisor workspace had it. Never compiled.
#include "app/workstation/workspace.h"
#include "models/supervision/kpi/todayfigures.h"

namespace civicdesk {

Wallboard::Wallboard(const SupervisorContext &context, QWidget *parent)
    : QWidget(parent), m_context(context), m_watch(context.database, context.clock)
{
    m_today = std::make_unique<TodayFigures>(context.database, context.cityZone);
    auto phone = PhoneFigures::of(m_context.database.connectionName(), today);
    auto database = Database::open(path);
    const QString city = m_store.database.meta(QStringLiteral("city_name"));
}

} // namespace civicdesk
