#include "ui/common/dockbody.h"

#include <QResizeEvent>

namespace civicdesk {

DockBody::DockBody(QWidget *panel, QWidget *parent) : QWidget(parent), m_panel(panel)
{
    m_panel->setParent(this);
    setFocusProxy(m_panel);
    setSizePolicy(m_panel->sizePolicy());
}

QSize DockBody::sizeHint() const
{
    return m_panel->sizeHint();
}

QSize DockBody::minimumSizeHint() const
{
    return m_panel->minimumSizeHint().expandedTo(m_panel->minimumSize());
}

void DockBody::showPanel(bool visible)
{
    m_panel->setVisible(visible);
    if (visible)
        m_panel->setGeometry(rect());
}

void DockBody::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    m_panel->setGeometry(rect());
}

} // namespace civicdesk
