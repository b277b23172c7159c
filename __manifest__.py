# -*- coding: utf-8 -*-
{
    'name': 'Party Building',
    'summary': 'Party branch "Five Standardizations": organizations, members, '
               'scoped access',
    'version': '11.0.1.1.0',
    'category': 'Human Resources',
    'author': 'party_building developers',
    'license': 'LGPL-3',
    'depends': ['hr', 'mail', 'base_import', 'web_timeline'],
    'data': [
        'security/party_building_security.xml',
        'security/ir.model.access.csv',
        'data/party_setup_data.xml',
        'views/party_organization_views.xml',
        'views/party_member_views.xml',
        'views/party_term_views.xml',
        'views/party_task_views.xml',
        'views/party_rectification_views.xml',
        'views/party_config_views.xml',
        'views/hr_employee_views.xml',
        'views/hr_department_views.xml',
        'views/res_users_views.xml',
        'views/res_config_settings_views.xml',
        'views/menus.xml',
    ],
    'demo': [
        'demo/party_building_demo.xml',
        'demo/party_setup_demo.xml',
    ],
    'application': True,
    'installable': True,
}
